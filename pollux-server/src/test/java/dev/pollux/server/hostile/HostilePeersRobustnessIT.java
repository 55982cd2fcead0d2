package dev.pollux.server.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
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
      Attack attack = Attack.on(server);
      attack.withstand(
          () -> attack.peers(300, "127.0.0.2", server.httpPort(), Attacks::declareMebibyteBody),
          peers -> attack.assertHeapPerConnection(peers.size(), 16 * 1024));
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
    UnreadRepliesIT.withstandUnreadPipelines(server, peers, request, Duration.ofSeconds(15));
  }

  @Test
  void twelveHundredSilentConnectionsToTheHttpsPort() throws IOException {
    try (HostileServer server = SilentTlsIT.startWithHttps(dir)) {
      SilentTlsIT.withstandSilentPeers(server, 1200);
    }
  }

  @Test
  void aThousandWebSocketFramesDeclaring65535Bytes() throws IOException {
    try (HostileServer server = HostileServer.start(dir)) {
      Attack attack = Attack.on(server);
      int port = server.httpPort();
      attack.withstand(
          () -> attack.peers(1000, "127.0.0.2", port, p -> Attacks.declareLongFrame(p, port)),
          peers -> attack.assertHeapPerConnection(peers.size(), 8 * 1024));
    }
  }

  @Test
  void threeHundredBodiesTrickledOneByteEveryThreeSeconds() throws IOException {
    try (HostileServer server = HostileServer.start(dir)) {
      SlowPeersIT.withstandTrickledBodies(server, 300);
    }
  }

  @Test
  void twoHundredEventStreamsThatStopReading() throws IOException {
    try (HostileServer server =
        HostileServer.start(dir, "--interval", "50ms", "--idle-timeout", "5s")) {
      Attack attack = Attack.on(server);
      attack.withstand(
          () -> attack.peers(200, "127.0.0.5", server.httpPort(), Attacks::openEventStream),
          peers -> {
            assertThat(peers.size()).as("event streams opened").isEqualTo(200);
            await("bin/pollux to close the 200 event streams nobody reads")
                .atMost(SlowPeersIT.STALLED_STREAM_CLOSED)
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(
                    () ->
                        assertThat(server.openDescriptors())
                            .as("descriptors of bin/pollux: the stalled streams' must go")
                            .isLessThanOrEqualTo(
                                attack.before().descriptors() + HostileServer.FD_SLACK));
          });
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
        assertThat(peer.readResponse(Attacks.ANSWER).status())
            .as(
                "the right token from an address that sent %d bytes of guesses",
                guesses.bytesSent())
            .isEqualTo(429);
      }
    }
  }
}
