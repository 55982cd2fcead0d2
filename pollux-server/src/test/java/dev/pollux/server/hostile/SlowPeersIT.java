package dev.pollux.server.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Peers too slow to be worth their connection (issue 15): a body trickled one byte every 3 s must
 * get {@code 408} once the whole request's time limit passes (the header timer alone covered the
 * head, and the idle timer restarted on every byte); an event-stream client that stops reading must
 * be closed (its stream kept it from ever being idle).
 */
class SlowPeersIT {

  /** The pace of the slow body: the attack itself, not a wait of the test. */
  static final Duration TRICKLE = Duration.ofSeconds(3);

  /** Declared body: at one byte per {@link #TRICKLE} the whole body would take a minute. */
  static final int BODY_BYTES = 20;

  /**
   * The whole-request limit is the header-read timeout (10 s by default); the 408 must come well
   * before the trickled body could end (57 s).
   */
  static final Duration SLOW_BODY_ANSWER = Duration.ofSeconds(40);

  /** A stalled stream is closed within the idle timeout given below plus its queue's time. */
  static final Duration STALLED_STREAM_CLOSED = Duration.ofSeconds(60);

  @TempDir Path dir;

  @Test
  void aBodyTrickledOneByteEveryThreeSecondsIsAnswered408() throws IOException {
    try (HostileServer server = HostileServer.start(dir)) {
      withstandTrickledBodies(server, 1);
    }
  }

  @Test
  void anEventStreamClientThatStopsReadingIsClosed() throws IOException {
    try (HostileServer server =
        HostileServer.start(dir, "--interval", "50ms", "--idle-timeout", "5s")) {
      Attack attack = Attack.on(server);
      attack.withstand(
          () -> stalledEventStream(server, attack.before()),
          peer ->
              await("bin/pollux to close the event stream nobody reads")
                  .atMost(STALLED_STREAM_CLOSED)
                  .pollInterval(Duration.ofMillis(500))
                  .untilAsserted(
                      () ->
                          assertThat(server.openDescriptors())
                              .as("descriptors of bin/pollux: the stalled stream's must go")
                              .isLessThanOrEqualTo(attack.before().descriptors())));
    }
  }

  /**
   * {@code count} actuator writes whose bodies trickle one byte every {@link #TRICKLE}: each is
   * answered 408 within {@link #SLOW_BODY_ANSWER}.
   */
  static void withstandTrickledBodies(HostileServer server, int count) throws IOException {
    Attack attack = Attack.on(server);
    attack.withstand(
        () ->
            Trickle.start(
                attack.peers(count, "127.0.0.5", server.httpPort(), SlowPeersIT::startSlowBody),
                TRICKLE),
        trickle -> {
          for (Peer peer : trickle.peers()) {
            assertThat(peer.readStatus(SLOW_BODY_ANSWER))
                .as("the answer to a body trickled one byte every %s", TRICKLE)
                .isEqualTo(408);
          }
        });
  }

  /** The body of the actuator write is the attack: declared, then trickled. */
  private static void startSlowBody(Peer peer) throws IOException {
    peer.send(Attacks.actuatorPut(BODY_BYTES, HostileServer.TOKEN));
  }

  /**
   * An event stream that never reads (its window and the server's queue fill up), once the server
   * holds its descriptor.
   */
  private static Peer stalledEventStream(HostileServer server, HostileServer.Baseline before)
      throws IOException {
    Peer peer = Peer.connect("127.0.0.5", server.httpPort(), 2048);
    try {
      Attacks.openEventStream(peer);
      await("the server's descriptor of the stalled stream")
          .atMost(Peer.DEADLINE)
          .until(() -> server.openDescriptors() > before.descriptors());
      return peer;
    } catch (IOException | RuntimeException e) {
      peer.close();
      throw e;
    }
  }
}
