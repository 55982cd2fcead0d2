package dev.pollux.server.mqtt;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Delays between reconnection attempts: exponential with jitter, e.g. 1 s, 2 s, 4 s ... up to 60 s,
 * each ±20 %, so that a fleet of devices that lost the same broker does not come back in step. Not
 * thread-safe: the bridge's thread owns it.
 */
final class Backoff {

  /** The spread of each delay around its nominal value: ±20 %. */
  static final double JITTER = 0.2;

  private final long initialNanos;
  private final long maxNanos;
  private final DoubleSupplier random;
  private long nextNanos;

  /**
   * @param initial the first delay
   * @param max the delay stops doubling here
   * @param random uniform in [0, 1), e.g. {@code ThreadLocalRandom.current()::nextDouble}
   */
  Backoff(Duration initial, Duration max, DoubleSupplier random) {
    if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("expected 0 < initial <= max: " + initial + ", " + max);
    }
    this.initialNanos = initial.toNanos();
    this.maxNanos = max.toNanos();
    this.random = random;
    this.nextNanos = initialNanos;
  }

  /** The delay before the next attempt; each call doubles the following one, up to the maximum. */
  Duration next() {
    long nominal = nextNanos;
    nextNanos = nominal > maxNanos / 2 ? maxNanos : nominal * 2;
    double factor = 1 + JITTER * (2 * random.getAsDouble() - 1);
    return Duration.ofNanos(Math.round(nominal * factor));
  }

  /** After a successful connection: the next delay is the initial one again. */
  void reset() {
    nextNanos = initialNanos;
  }
}
