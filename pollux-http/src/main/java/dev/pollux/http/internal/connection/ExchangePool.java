package dev.pollux.http.internal.connection;

import dev.pollux.loop.EventLoop;

/**
 * One loop's spare {@link Exchange}s: a connection takes one when a request starts and gives it
 * back when it is idle again, so that only connections with a request in flight hold request state,
 * and a busy keep-alive connection takes and returns the same one (nothing new is allocated). At
 * most {@link #MAX_FREE} are kept; more are made when more requests are in flight at once, and
 * dropped when they come back to a full pool.
 *
 * <p>Loop thread only (each loop has its own, see {@link HttpServerState#pool}): no locks.
 */
final class ExchangePool {

  /** Spare exchanges kept per loop: each holds about 1 KiB while it waits. */
  static final int MAX_FREE = 16;

  private final HttpServerState server;
  private final EventLoop loop;
  private final Exchange[] free = new Exchange[MAX_FREE];
  private int freeCount;

  ExchangePool(HttpServerState server, EventLoop loop) {
    this.server = server;
    this.loop = loop;
  }

  /** A spare exchange, or a new one when there is none. */
  Exchange take() {
    if (freeCount == 0) {
      return new Exchange(server, loop);
    }
    Exchange e = free[--freeCount];
    free[freeCount] = null;
    return e;
  }

  /** Takes {@code e} back, reset, unless the pool is full; its lender must not use it again. */
  void give(Exchange e) {
    e.reset();
    if (freeCount < MAX_FREE) {
      free[freeCount++] = e;
    }
  }

  /** The spare exchanges now kept. */
  int freeCount() {
    return freeCount;
  }
}
