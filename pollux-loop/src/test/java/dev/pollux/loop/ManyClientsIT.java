package dev.pollux.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pollux.loop.examples.EchoServer;
import dev.pollux.testing.net.RawClient;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ManyClientsIT extends LoopFixture {

  private static final int CLIENTS = 1000;
  private static final int LINES_PER_CLIENT = 30;
  private static final long SEED = 20261127L;

  @Test
  void aThousandConcurrentClientsGetEveryLineBackInOrder() throws Exception {
    TcpServer server = EchoServer.start(group, ANY_LOOPBACK_PORT);
    CountDownLatch allConnected = new CountDownLatch(CLIENTS);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<String>> results = new ArrayList<>();
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < CLIENTS; i++) {
        long seed = SEED + i;
        results.add(threads.submit(() -> client(server.localAddress(), seed, allConnected, go)));
      }
      await("all clients connected")
          .atMost(Duration.ofSeconds(60))
          .until(() -> allConnected.getCount() == 0);
      // A client is connected once the kernel has queued it; the server may accept it later.
      await("open connections with every client connected: " + CLIENTS)
          .atMost(Duration.ofSeconds(60))
          .until(() -> server.stats().openConnections() == CLIENTS);
      go.countDown();
      for (Future<String> result : results) {
        assertThat(result.get(120, TimeUnit.SECONDS)).isEqualTo("ok");
      }
    }
    assertThat(server.stats().accepted()).isEqualTo(CLIENTS);
    await().atMost(Duration.ofSeconds(20)).until(() -> server.stats().openConnections() == 0);
  }

  /** Sends lines split at random boundaries, reads them back; returns "ok" or what went wrong. */
  private static String client(
      InetSocketAddress address, long seed, CountDownLatch allConnected, CountDownLatch go)
      throws Exception {
    Random random = new Random(seed);
    StringBuilder sent = new StringBuilder();
    for (int i = 0; i < LINES_PER_CLIENT; i++) {
      int length = random.nextInt(80);
      for (int j = 0; j < length; j++) {
        sent.append((char) ('a' + random.nextInt(26)));
      }
      sent.append(random.nextBoolean() ? "\n" : "\r\n");
    }
    byte[] bytes = sent.toString().getBytes(StandardCharsets.UTF_8);
    String expected = sent.toString().replace("\r\n", "\n");
    try (RawClient client = RawClient.connect(address, Duration.ofSeconds(90))) {
      allConnected.countDown();
      if (!go.await(120, TimeUnit.SECONDS)) {
        return "client seed " + seed + ": no go within 120 s";
      }
      for (int at = 0; at < bytes.length; ) {
        int length = Math.min(bytes.length - at, 1 + random.nextInt(64));
        client.write(Arrays.copyOfRange(bytes, at, at + length));
        at += length;
      }
      client.shutdownOutput();
      String got = client.readToEndAsString();
      return got.equals(expected)
          ? "ok"
          : "client seed " + seed + ": sent " + expected + " got back " + got;
    }
  }
}
