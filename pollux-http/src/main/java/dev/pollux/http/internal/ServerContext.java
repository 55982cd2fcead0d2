package dev.pollux.http.internal;

import dev.pollux.http.Handler;
import dev.pollux.http.HttpServerOptions;

/**
 * What every connection of one HTTP server shares: its options, its handler and its counters.
 *
 * @param options limits and timeouts
 * @param limits the parser's view of {@code options}
 * @param handler answers every valid request
 * @param counters live counters, written by every loop
 */
public record ServerContext(
    HttpServerOptions options, ParserLimits limits, Handler handler, HttpCounters counters) {

  /** A context for {@code handler} with {@code options}. */
  public static ServerContext of(HttpServerOptions options, Handler handler) {
    ParserLimits limits =
        new ParserLimits(
            options.maxRequestLineBytes(),
            options.maxHeaderBytes(),
            options.maxHeaderFields(),
            options.maxBodyBytes());
    return new ServerContext(options, limits, handler, new HttpCounters());
  }
}
