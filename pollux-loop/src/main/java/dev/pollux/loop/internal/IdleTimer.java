package dev.pollux.loop.internal;

import dev.pollux.loop.Timeout;

/**
 * A connection's idle timeout. Checked lazily, as Netty's {@code IdleStateHandler} does: activity
 * only moves a timestamp, and the timer, when it fires early, re-arms itself for the rest, so a
 * busy connection costs one timer per timeout period, not one per read. Loop thread only.
 */
final class IdleTimer {

  private final PollingLoop loop;
  private final Runnable onIdle;
  private final Runnable check = this::check;

  private long timeoutNanos;
  private long lastActivityNanos;
  private Timeout timer;

  /** {@code onIdle} runs when nothing happened for the timeout; 0 disables. */
  IdleTimer(PollingLoop loop, long timeoutNanos, Runnable onIdle) {
    this.loop = loop;
    this.timeoutNanos = timeoutNanos;
    this.onIdle = onIdle;
  }

  /** Starts counting from now. */
  void start() {
    activity();
    arm(timeoutNanos);
  }

  /** Something was read or written. */
  void activity() {
    lastActivityNanos = loop.nanoTime();
  }

  /** Replaces the timeout, counting from the last activity; 0 disables. */
  void timeout(long nanos) {
    timeoutNanos = nanos;
    arm(nanos <= 0 ? 0 : Math.max(1, nanos - (loop.nanoTime() - lastActivityNanos)));
  }

  /** Disarms for good: the connection is closed. */
  void stop() {
    timeoutNanos = 0;
    arm(0);
  }

  private void arm(long delayNanos) {
    if (timer != null) {
      timer.cancel();
      timer = null;
    }
    if (delayNanos > 0) {
      timer = loop.scheduleNanos(delayNanos, check);
    }
  }

  private void check() {
    timer = null;
    if (timeoutNanos <= 0) {
      return;
    }
    long idleNanos = loop.nanoTime() - lastActivityNanos;
    if (idleNanos < timeoutNanos) {
      arm(timeoutNanos - idleNanos);
      return;
    }
    // The next period starts now, should the connection stay open.
    activity();
    onIdle.run();
    if (timer == null && timeoutNanos > 0) {
      arm(timeoutNanos);
    }
  }
}
