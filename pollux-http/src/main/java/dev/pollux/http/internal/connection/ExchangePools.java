package dev.pollux.http.internal.connection;

import dev.pollux.loop.EventLoop;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A server's {@link ExchangePool}s, one per loop its connections run on, made when the loop's first
 * connection opens. Any thread may look one up; each pool is used on its own loop only.
 */
public final class ExchangePools {

  private final Map<EventLoop, ExchangePool> byLoop = new ConcurrentHashMap<>();

  /** The pool of {@code loop}, for the connections of {@code server}. */
  ExchangePool of(HttpServerState server, EventLoop loop) {
    ExchangePool pool = byLoop.get(loop); // no lock on the common path: the pool exists
    return pool != null ? pool : byLoop.computeIfAbsent(loop, l -> new ExchangePool(server, l));
  }
}
