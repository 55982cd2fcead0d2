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
      HostileServer.Baseline before = server.baseline();
      ScheduledExecutorService pacing = Executors.newSingleThreadScheduledExecutor();
      Peer peer = Peer.connect("127.0.0.5", server.httpPort());
      ScheduledFuture<?> trickle = null;
      try {
        peer.send(Attacks.actuatorPut(BODY_BYTES, HostileServer.TOKEN));
        // The trickle is the attack: one body byte every 3 s, paced by a scheduler.
        trickle =
            pacing.scheduleAtFixedRate(
                () -> peer.sendIfOpen(" "), 0, TRICKLE.toMillis(), TimeUnit.MILLISECONDS);
        Siege.assertServesFreshClients(server);
        assertThat(peer.readStatus(SLOW_BODY_ANSWER))
            .as("the answer to a body trickled one byte every %s", TRICKLE)
            .isEqualTo(408);
      } finally {
        if (trickle != null) {
          trickle.cancel(true);
        }
        pacing.shutdownNow();
        peer.close();
      }
      server.assertRecovered(before);
    }
  }

  @Test
  void anEventStreamClientThatStopsReadingIsClosed() throws IOException {
    try (HostileServer server =
        HostileServer.start(dir, "--interval", "50ms", "--idle-timeout", "5s")) {
      HostileServer.Baseline before = server.baseline();
      try (Peer peer = Peer.connect("127.0.0.5", server.httpPort(), 2048)) {
        Attacks.openEventStream(peer); // and never reads: its window and the queue fill up
        await("the server's descriptor of the stalled stream")
            .atMost(Peer.DEADLINE)
            .until(() -> server.openDescriptors() > before.descriptors());
        Siege.assertServesFreshClients(server);
        await("bin/pollux to close the event stream nobody reads")
            .atMost(STALLED_STREAM_CLOSED)
            .pollInterval(Duration.ofMillis(500))
            .untilAsserted(
                () ->
                    assertThat(server.openDescriptors())
                        .as("descriptors of bin/pollux: the stalled stream's must go")
                        .isLessThanOrEqualTo(before.descriptors()));
      }
      server.assertRecovered(before);
    }
  }
}
