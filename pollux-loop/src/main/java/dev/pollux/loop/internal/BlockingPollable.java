package dev.pollux.loop.internal;

import dev.pollux.loop.spi.Pollable;

/**
 * A socket of the blocking transports: threads of its own block on it and tell a {@link
 * BlockingPoller} when its readiness may have changed.
 */
interface BlockingPollable extends Pollable {

  /** Starts the socket's threads, which report to {@code watch}; loop thread, once. */
  void attach(BlockingPoller.Watch watch);

  /** The readiness now, a set of {@code Poller.READ} and {@code Poller.WRITE}; any thread. */
  int readyOps();

  /** Whether the socket is closed for good (a lingering close has finished); any thread. */
  boolean released();

  /** Closes at once with a reset; any thread. */
  void abortQuietly();
}
