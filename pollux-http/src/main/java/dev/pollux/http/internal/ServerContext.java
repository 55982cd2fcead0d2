package dev.pollux.http.internal;

import dev.pollux.http.Handler;
import dev.pollux.http.HttpServerOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * What every connection of one HTTP server shares: its options, its handler and its counters.
 *
 * @param options limits and timeouts
 * @param limits the parser's view of {@code options}
 * @param handler answers every valid request
 * @param counters live counters, written by every loop
 * @param defaultHeaders the options' default header fields as name, value, name, value... (a list
 *     indexed without an iterator, so a response allocates nothing for them)
 */
public record ServerContext(
    HttpServerOptions options,
    ParserLimits limits,
    Handler handler,
    HttpCounters counters,
    List<String> defaultHeaders) {

  /** A context for {@code handler} with {@code options}. */
  public static ServerContext of(HttpServerOptions options, Handler handler) {
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
    return new ServerContext(options, limits, handler, new HttpCounters(), List.copyOf(defaults));
  }
}
