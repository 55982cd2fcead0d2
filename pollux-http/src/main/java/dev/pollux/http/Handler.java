package dev.pollux.http;

import dev.pollux.http.internal.connection.Blocking;

/**
 * Answers one request: reads the {@link Request} and completes the {@link Response}, now or later.
 *
 * <p>A handler runs on the connection's event loop and must not block it: no file or network I/O,
 * no sleeps, no waiting on locks. Blocking work goes through {@link #blocking(Handler)}, or the
 * handler hands it to its own executor and completes the response from there; either way the
 * response is written back on the loop, in request order. A handler that throws before it has sent
 * anything gets a {@code 500} (logged once, no stack trace on the wire); the connection lives on.
 */
@FunctionalInterface
public interface Handler {

  /** Handles {@code request}; may complete {@code response} now, later, or from another thread. */
  void handle(Request request, Response response) throws Exception;

  /**
   * The largest body this handler takes for {@code request}, of which only the head is known (the
   * body and path parameters are not): a request that declares a longer {@code Content-Length} gets
   * {@code 413} before a byte of its body is read, and a chunked one when it passes it. The
   * server's {@link HttpServerOptions#maxBodyBytes()} applies as well; by default only it does. A
   * {@link Router} answers with the limit its route was given.
   */
  default long maxBodyBytes(Request request) {
    return Long.MAX_VALUE;
  }

  /**
   * A handler that runs {@code handler} on a virtual thread, for blocking work (files, sysfs, a
   * database). Later pipelined requests on the same connection wait their turn.
   */
  static Handler blocking(Handler handler) {
    return Blocking.wrap(handler);
  }
}
