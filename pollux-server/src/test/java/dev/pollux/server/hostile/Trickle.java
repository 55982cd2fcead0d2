package dev.pollux.server.hostile;

import java.io.Closeable;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The slow-body attack: one byte on every connection of {@code peers} every {@code pace}, from the
 * first moment, paced by a scheduler (the pace is the attack, not a wait of the test). {@link
 * #close()} stops it and closes the connections.
 */
final class Trickle implements Closeable {

  private final Peers peers;
  private final ScheduledExecutorService pacing;
  private final ScheduledFuture<?> trickle;

  private Trickle(Peers peers, ScheduledExecutorService pacing, ScheduledFuture<?> trickle) {
    this.peers = peers;
    this.pacing = pacing;
    this.trickle = trickle;
  }

  /** Starts sending a space on each of {@code peers} every {@code pace}. */
  static Trickle start(Peers peers, Duration pace) {
    ScheduledExecutorService pacing = Executors.newSingleThreadScheduledExecutor();
    ScheduledFuture<?> trickle =
        pacing.scheduleAtFixedRate(
            () -> peers.all().forEach(p -> p.sendIfOpen(" ")),
            0,
            pace.toMillis(),
            TimeUnit.MILLISECONDS);
    return new Trickle(peers, pacing, trickle);
  }

  /** The trickling connections. */
  List<Peer> peers() {
    return peers.all();
  }

  @Override
  public void close() {
    trickle.cancel(true);
    pacing.shutdownNow();
    peers.close();
  }
}
