package dev.pollux.loop.spi;

/** A socket's registration with a {@link Poller}; loop thread only. */
public interface Registration {

  /** Replaces the interest set ({@link Poller#READ}, {@link Poller#WRITE}, both or none). */
  void interest(int interest);

  /** The current interest set. */
  int interest();

  /** Deregisters the socket; idempotent. Readiness still pending in this batch is dropped. */
  void cancel();
}
