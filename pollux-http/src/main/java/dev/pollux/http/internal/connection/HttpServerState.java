package dev.pollux.http.internal.connection;

import dev.pollux.http.Handler;
import dev.pollux.http.HttpServerOptions;
import dev.pollux.http.internal.codec.ParserLimits;
import dev.pollux.loop.EventLoop;
import java.util.ArrayList;
import java.util.List;

/**
 * The state of one HTTP server that all its connections share: its options, its handler, its live
 * counters. Each {@link HttpConnection} is given its server's.
 *
 * @param options limits and timeouts
 * @param limits the parser's view of {@code options}
 * @param handler answers every valid request
 * @param counters live counters, written by every loop
 * @param defaultHeaders the options' default header fields as name, value, name, value... (a list
 *     indexed without an iterator, so a response allocates nothing for them)
 * @param pools the request state lent to connections while a request is in flight, per loop
 */
public record HttpServerState(
    HttpServerOptions options,
    ParserLimits limits,
    Handler handler,
    HttpCounters counters,
    List<String> defaultHeaders,
    ExchangePools pools) {

  /** A context for {@code handler} with {@code options}. */
  public static HttpServerState of(HttpServerOptions options, Handler handler) {
    ParserLimits limits =
        new ParserLimits(
            options.maxRequestLineBytes(),
            options.maxHeaderBytes(),
            options.maxHeaderFields(),
            options.maxBodyBytes());
    List<String> defaults = new ArrayList<>();
    options
        .defaultHeaders()
        .forEach(
            (name, value) -> {
              defaults.add(name);
              defaults.add(value);
            });
    return new HttpServerState(
        options, limits, handler, new HttpCounters(), List.copyOf(defaults), new ExchangePools());
  }

  /** The pool of request state of {@code loop}'s connections; use it on that loop only. */
  ExchangePool pool(EventLoop loop) {
    return pools.of(this, loop);
  }
}
