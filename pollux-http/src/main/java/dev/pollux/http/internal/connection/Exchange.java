package dev.pollux.http.internal.connection;

import dev.pollux.http.internal.codec.ResponseBatch;
import dev.pollux.loop.Connection;
import dev.pollux.loop.EventLoop;

/**
 * The state of one request in flight, from its first byte until its response is handed to the loop:
 * its {@link RequestReader} (the parser with its head arrays, the body collected over reads, the
 * time limit), the handler's {@link HttpRequest} and {@link HttpResponse}, and the batch the
 * response is encoded into. A connection borrows one from its loop's {@link ExchangePool} when a
 * request starts and gives it back when it is idle again, so that an idle keep-alive connection
 * holds none of it.
 *
 * <p>Loop thread only; bound to one connection at a time.
 */
final class Exchange {

  /**
   * The heap of an exchange besides its arrays (parser, head, body parser, request, response and
   * their maps), about 1.8 KiB measured (docs/robustness.md), rounded up.
   */
  static final long OBJECT_BYTES = 2048;

  final RequestReader reader;
  final HttpRequest request;
  final HttpResponse response;
  final ResponseBatch batch;

  Exchange(HttpServerState server, EventLoop loop) {
    this.reader = new RequestReader(server, loop);
    this.request = new HttpRequest(reader.head(), null);
    this.response = new HttpResponse(request, loop);
    this.batch = new ResponseBatch(server.counters().bytesSent);
  }

  /**
   * What this exchange holds while lent: an event stream keeps its request's exchange for as long
   * as it lasts, so ten thousand of them hold ten thousand exchanges, and the budget must see them.
   */
  long heldBytes() {
    return OBJECT_BYTES + reader.heldBytes() + batch.heldBytes();
  }

  /** Lends this exchange to {@code owner}, whose socket is {@code connection}. */
  void bind(HttpConnection owner, Connection connection, StreamedBody streamed) {
    reader.bind(owner);
    request.bind(connection.remoteAddress());
    response.bind(owner, streamed);
    batch.bind(connection);
  }

  /**
   * Forgets the connection it was lent to and what it parsed; large arrays go (see {@link
   * dev.pollux.http.internal.codec.RequestParser#reset}, {@link ResponseBatch#unbind}), so a pooled
   * exchange holds little.
   */
  void reset() {
    reader.reset();
    request.bind(null);
    response.unbind();
    batch.unbind();
  }
}
