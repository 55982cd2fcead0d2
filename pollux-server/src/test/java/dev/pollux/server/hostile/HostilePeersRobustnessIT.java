package dev.pollux.server.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attacks of issue 15 at the sizes that killed {@code bin/pollux} ({@code -Xmx64m}): hundreds
 * to a thousand connections each. During each, a fresh client's {@code /temp} is answered within a
 * second and the process never runs out of heap; after it, descriptors and the live heap return to
 * their baseline. Only with {@code -Probustness} (a few minutes); the same attacks with a handful
 * of connections run in every build ({@code DeclaredLengthsIT}, {@code UnreadRepliesIT}, {@code
 * SilentTlsIT}, {@code SlowPeersIT}, {@code TokenGuessingIT}).
 */
class HostilePeersRobustnessIT {

  @TempDir Path dir;

  @Test
  void threeHundredBodiesDeclaringAMebibyteEach() throws IOException {
    try (HostileServer server = HostileServer.start(dir)) {
      HostileServer.Baseline before = server.baseline();
      try (Peers peers =
          Siege.open(server, 300, "127.0.0.2", server.httpPort(), Attacks::declareMebibyteBody)) {
        Siege.assertServesFreshClients(server);
        Siege.assertHeapPerConnection(server, before, peers.size(), 16 * 1024);
      }
      server.assertRecovered(before);
    }
  }

  @Test
  void aHundredAndFiftyPeersPipeliningSensorListsWithoutReading() throws IOException {
    try (HostileServer server = HostileServer.start(dir)) {
      unreadPipelines(server, 150, Attacks.SENSORS);
    }
  }

  @Test
  void fiftyPeersPipeliningHistoriesAtFiftyMillisecondSamplingWithoutReading() throws IOException {
    try (HostileServer server = HostileServer.start(dir, "--interval", "50ms")) {
      // Histories grow with time: let the ring fill for a while, as a long-running server's has.
      await("a few hundred history points")
          .atMost(HostileServer.DEADLINE)
          .pollDelay(Duration.ofSeconds(15))
          .until(() -> true);
      unreadPipelines(server, 50, Attacks.HISTORY);
    }
  }

  private static void unreadPipelines(HostileServer server, int peers, String request)
      throws IOException {
    HostileServer.Baseline before = server.baseline();
    try (Pipeliner pipeliner =
        Pipeliner.flood("127.0.0.3", server.httpPort(), peers, request, Duration.ofSeconds(15))) {
      assertThat(pipeliner.bytesSent()).as("bytes of pipelined requests sent").isPositive();
      Siege.assertServesFreshClients(server);
      Siege.assertHeapPerConnection(server, before, peers, UnreadRepliesIT.BYTES_PER_PEER);
    }
    server.assertRecovered(before);
  }

  @Test
  void twelveHundredSilentConnectionsToTheHttpsPort() throws IOException {
    try (HostileServer server =
        HostileServer.start(
            dir,
            "--tls-self-signed",
            dir.resolve("tls").toString(),
            "--https-port",
            "0",
            "--tls-handshake-timeout",
            "5m")) {
      HostileServer.Baseline before = server.baseline();
      try (Peers peers =
          Siege.open(server, 1200, "127.0.0.4", server.httpsPort(), Attacks::silent)) {
        Siege.assertServesFreshClients(server);
        Siege.assertHeapPerConnection(server, before, peers.size(), 8 * 1024);
      }
      server.assertRecovered(before);
    }
  }

  @Test
  void aThousandWebSocketFramesDeclaring65535Bytes() throws IOException {
    try (HostileServer server = HostileServer.start(dir)) {
      HostileServer.Baseline before = server.baseline();
      int port = server.httpPort();
      try (Peers peers =
          Siege.open(server, 1000, "127.0.0.2", port, p -> Attacks.declareLongFrame(p, port))) {
        Siege.assertServesFreshClients(server);
        Siege.assertHeapPerConnection(server, before, peers.size(), 8 * 1024);
      }
      server.assertRecovered(before);
    }
  }

  @Test
  void threeHundredBodiesTrickledOneByteEveryThreeSeconds() throws IOException {
    try (HostileServer server = HostileServer.start(dir)) {
      HostileServer.Baseline before = server.baseline();
      ScheduledExecutorService pacing = Executors.newSingleThreadScheduledExecutor();
      try (Peers peers =
          Siege.open(
              server,
              300,
              "127.0.0.5",
              server.httpPort(),
              p -> p.send(Attacks.actuatorPut(SlowPeersIT.BODY_BYTES, HostileServer.TOKEN)))) {
        // The trickle is the attack: one body byte every 3 s on each connection.
        ScheduledFuture<?> trickle =
            pacing.scheduleAtFixedRate(
                () -> peers.all().forEach(p -> p.sendIfOpen(" ")),
                0,
                SlowPeersIT.TRICKLE.toMillis(),
                TimeUnit.MILLISECONDS);
        try {
          Siege.assertServesFreshClients(server);
          for (Peer peer : peers.all()) {
            assertThat(peer.readStatus(SlowPeersIT.SLOW_BODY_ANSWER))
                .as("the answer to a body trickled one byte every %s", SlowPeersIT.TRICKLE)
                .isEqualTo(408);
          }
        } finally {
          trickle.cancel(true);
        }
      } finally {
        pacing.shutdownNow();
      }
      server.assertRecovered(before);
    }
  }

  @Test
  void twoHundredEventStreamsThatStopReading() throws IOException {
    try (HostileServer server =
        HostileServer.start(dir, "--interval", "50ms", "--idle-timeout", "5s")) {
      HostileServer.Baseline before = server.baseline();
      try (Peers peers =
          Siege.open(server, 200, "127.0.0.5", server.httpPort(), Attacks::openEventStream)) {
        assertThat(peers.size()).as("event streams opened").isEqualTo(200);
        Siege.assertServesFreshClients(server);
        await("bin/pollux to close the 200 event streams nobody reads")
            .atMost(SlowPeersIT.STALLED_STREAM_CLOSED)
            .pollInterval(Duration.ofSeconds(1))
            .untilAsserted(
                () ->
                    assertThat(server.openDescriptors())
                        .as("descriptors of bin/pollux: the stalled streams' must go")
                        .isLessThanOrEqualTo(before.descriptors() + HostileServer.FD_SLACK));
      }
      server.assertRecovered(before);
    }
  }

  @Test
  void tenThousandWrongTokensPipelinedOverHttp() throws IOException {
    try (HostileServer server = HostileServer.start(dir);
        Pipeliner guesses =
            Pipeliner.flood(
                "127.0.0.11",
                server.httpPort(),
                1,
                Attacks.actuatorPut(12, "wrong-token") + "{\"value\": 1}",
                Duration.ofSeconds(10))) {
      Siege.assertServesFreshClients(server);
      try (Peer peer = Peer.connect("127.0.0.11", server.httpPort())) {
        peer.send(Attacks.actuatorPut(12, HostileServer.TOKEN) + "{\"value\": 1}");
        assertThat(Peer.status(peer.readResponse(Attacks.ANSWER)))
            .as(
                "the right token from an address that sent %d bytes of guesses",
                guesses.bytesSent())
            .isEqualTo(429);
      }
    }
  }
}
