package dev.pollux.server.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Closeable;
import java.io.IOException;

/**
 * The shape of a hostile-peer test: the server's baseline, then the attack opened and held while a
 * fresh client is served ({@link Siege#assertServesFreshClients}) and the test's own checks run,
 * then the attack closed and the server back at its baseline ({@link
 * HostileServer#assertRecovered}). A test says only which attack and what must hold while it is
 * held:
 *
 * <pre>{@code
 * Attack attack = Attack.on(server);
 * attack.withstand(
 *     () -> attack.peers(20, "127.0.0.2", server.httpPort(), Attacks::declareMebibyteBody),
 *     peers -> attack.assertHeapPerConnection(peers.size(), 16 * 1024));
 * }</pre>
 */
final class Attack {

  /** Opens the attack; closing what it returns ends the attack. */
  interface Opening<A extends Closeable> {
    A open() throws IOException;
  }

  /** What must hold while the attack is held, after fresh clients were served. */
  interface WhileHeld<A extends Closeable> {
    void check(A attack) throws IOException;
  }

  private final HostileServer server;
  private final HostileServer.Baseline before;

  private Attack(HostileServer server, HostileServer.Baseline before) {
    this.server = server;
    this.before = before;
  }

  /** An attack on {@code server}, whose baseline it takes now, before anything is opened. */
  static Attack on(HostileServer server) {
    return new Attack(server, server.baseline());
  }

  /** What the server held before the attack. */
  HostileServer.Baseline before() {
    return before;
  }

  /**
   * Opens the attack, checks that fresh clients are served while it is held, runs {@code
   * whileHeld}, closes it and checks that the server recovered.
   */
  <A extends Closeable> void withstand(Opening<A> opening, WhileHeld<A> whileHeld)
      throws IOException {
    try (A attack = opening.open()) {
      Siege.assertServesFreshClients(server);
      whileHeld.check(attack);
    }
    server.assertRecovered(before);
  }

  /**
   * Opens {@code count} connections from {@code source} to {@code port}, each started by {@code
   * opening}; a connection refused or reset on the way fails with the server's state (a server that
   * died of the attack says so).
   */
  Peers peers(int count, String source, int port, Peers.Opening opening) {
    try {
      return Peers.open(count, source, port, opening);
    } catch (IOException e) {
      server.assertServing();
      throw new AssertionError("opening " + count + " attacking connections failed; " + server, e);
    }
  }

  /**
   * The live heap the attack added, per connection: at most {@code bytesPerConnection} on average
   * over {@code connections} (plus {@link HostileServer#HEAP_SLACK_BYTES} for everything else).
   */
  void assertHeapPerConnection(int connections, long bytesPerConnection) {
    long now = server.heapAfterFullGcBytes();
    assertThat(now - before.heapBytes())
        .as(
            "live heap added by %d attacking connections (before %d, during %d): at most %d bytes"
                + " each",
            connections, before.heapBytes(), now, bytesPerConnection)
        .isLessThanOrEqualTo(connections * bytesPerConnection + HostileServer.HEAP_SLACK_BYTES);
  }
}
