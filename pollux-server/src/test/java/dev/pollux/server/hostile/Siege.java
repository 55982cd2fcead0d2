package dev.pollux.server.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pollux.testing.net.RawResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;

/**
 * What every hostile-peer test checks while its attack is held: a fresh, well-behaved client (from
 * {@link Peer#HONEST}) still gets {@code GET /temp} answered, quickly, and the server neither died
 * nor ran out of heap.
 */
final class Siege {

  /** The contract: a fresh client's {@code /temp} during an attack, connect included. */
  static final Duration FRESH_ANSWER = Duration.ofSeconds(1);

  /** A fresh client not answered within this is a server that stopped serving. */
  static final Duration UNRESPONSIVE = Duration.ofSeconds(5);

  /**
   * Fresh clients asked each time; the median must be within {@link #FRESH_ANSWER}, each one within
   * {@link #UNRESPONSIVE}: one probe can meet a full GC or another build's burst on the shared CI
   * machine, three in a row cannot, unless the server is the one that is slow.
   */
  static final int PROBES = 3;

  private Siege() {}

  /** {@code GET /temp} on a new connection; its latency in milliseconds, connect included. */
  static long freshTempMillis(HostileServer server) throws IOException {
    long start = System.nanoTime();
    try (Peer fresh = Peer.connect(Peer.HONEST, server.httpPort())) {
      fresh.send("GET /temp HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
      RawResponse head = fresh.readHead(UNRESPONSIVE);
      assertThat(head.status()).as("a fresh GET /temp during the attack: %s", head).isEqualTo(200);
      assertThat(fresh.readLine(UNRESPONSIVE)).as("the body of /temp").isEqualTo("48.312");
    }
    return (System.nanoTime() - start) / 1_000_000;
  }

  /** Fresh clients are served during the attack, and the server is alive without an OOM. */
  static void assertServesFreshClients(HostileServer server) throws IOException {
    server.assertServing();
    long[] millis = new long[PROBES];
    for (int i = 0; i < PROBES; i++) {
      try {
        millis[i] = freshTempMillis(server);
      } catch (IOException e) {
        throw new AssertionError("a fresh GET /temp failed during the attack; " + server, e);
      }
    }
    long[] sorted = millis.clone();
    Arrays.sort(sorted);
    assertThat(sorted[PROBES / 2])
        .as(
            "median ms of %d fresh GET /temp during the attack: %s",
            PROBES, Arrays.toString(millis))
        .isLessThanOrEqualTo(FRESH_ANSWER.toMillis());
    server.assertServing();
  }
}
