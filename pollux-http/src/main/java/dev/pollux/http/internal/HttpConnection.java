package dev.pollux.http.internal;

import dev.pollux.http.Status;
import dev.pollux.http.internal.ParseResult.Invalid;
import dev.pollux.loop.Connection;
import dev.pollux.loop.ConnectionHandler;
import dev.pollux.loop.Timeout;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * HTTP/1.1 on one connection: parses requests, hands each to the server's handler, writes the
 * responses in request order, and decides keep-alive, timeouts and closing.
 *
 * <p>Design: one request at a time is with a handler. Pipelined requests that arrive in one read
 * are answered one after the other in the same loop iteration, their responses gathered into one
 * write. When a handler does not complete at once (blocking work on another thread, a stream), the
 * unparsed rest of the input is kept, reading is suspended, and parsing resumes when the response
 * is complete: later requests wait their turn, and the order holds without a reorder buffer.
 *
 * <p>Loop thread only, except where a method says otherwise.
 */
public final class HttpConnection implements ConnectionHandler {

  private static final System.Logger LOG = System.getLogger(HttpConnection.class.getName());

  /**
   * A pipelined batch hands what it gathered to the connection once it is this large, so that the
   * connection's watermark sees it and parsing stops while the client does not read.
   */
  private static final int FLUSH_BYTES = 16 * 1024;

  private final ServerContext context;
  private final HttpCounters counters;
  private final Connection connection;
  private final RequestParser parser;
  private final HttpRequest request;
  private final HttpResponse response;
  private final Output out;
  private final BodyAccumulator body = new BodyAccumulator();
  private ByteBuffer stash;
  private Timeout requestTimer; // armed while a request spans reads: its whole arrival is bounded
  private long reportedHeld; // what the loop was last told this connection holds
  private boolean outputBlocked; // output above the high watermark: pipelined requests wait
  private boolean awaiting;
  private boolean dispatching;
  private boolean suspended;
  private boolean closeAfterResponse;
  private boolean shuttingDown;
  private boolean closed;
  private BodyStream stream; // the streamed body of the current response, if any
  private WebSocketSession webSocket; // after an upgrade: the connection is its
  private final AccessLog access; // AccessLog.OFF when the access log is off

  /** The handler of {@code connection}, sharing {@code context} with the server's others. */
  public HttpConnection(ServerContext context, Connection connection) {
    this.context = context;
    this.counters = context.counters();
    this.connection = connection;
    this.parser = new RequestParser(context.limits());
    this.request = new HttpRequest(parser.head(), connection.remoteAddress());
    this.response = new HttpResponse(this, connection.loop());
    this.out = new Output(connection, counters);
    this.access = context.options().accessLog() ? new AccessLog() : AccessLog.OFF;
  }

  @Override
  public void onOpen(Connection c) {
    counters.openConnections.increment();
    connection.setIdleTimeout(context.options().keepAliveTimeout());
  }

  @Override
  public void onData(Connection c, ByteBuffer data) {
    counters.bytesReceived.add(data.remaining());
    if (webSocket != null) {
      webSocket.onData(data);
      reportHeld();
      return;
    }
    if (closed || (closeAfterResponse && !awaiting)) {
      data.position(data.limit()); // after a refusal or a final response nothing more is read
      return;
    }
    if (awaiting || outputBlocked) {
      keep(data, false);
    } else {
      process(data, false);
      out.flush();
    }
    reportHeld();
  }

  /** Parses and answers what {@code in} holds, until it is used up or a handler is busy. */
  private void process(ByteBuffer in, boolean owned) {
    while (!awaiting && !closed && webSocket == null) {
      if (parser.idle() && in.hasRemaining() && outputFull()) {
        outputBlocked = true; // the client does not read: the rest waits for onWritable
        break;
      }
      ParseResult result = parser.parse(in);
      switch (result) {
        case ParseResult.NeedMore needMore -> {
          waitForMore();
          return;
        }
        case ParseResult.HeadComplete headComplete -> headComplete(in);
        case ParseResult.Content content ->
            body.add(
                in, parser.contentOffset(), parser.contentLength(), parser.head().contentLength());
        case ParseResult.Complete complete -> dispatch();
        case Invalid invalid -> {
          refuse(invalid.status(), invalid.reason());
          return;
        }
      }
    }
    if ((awaiting || outputBlocked) && in.hasRemaining() && !closed) {
      keep(in, owned);
    } else if (webSocket != null && in.hasRemaining()) {
      webSocket.onData(in); // frames the client sent right behind its handshake
    }
  }

  /**
   * Flushes a large pipelined batch; true when the connection is above its high watermark, so that
   * no more requests are answered until it drains (the answers would pile up unread).
   */
  private boolean outputFull() {
    if (out.length() >= FLUSH_BYTES) {
      out.flush();
    }
    return !connection.isWritable();
  }

  private void waitForMore() {
    if (!parser.idle() && !parser.readingHead()) {
      body.own(parser.head().contentLength()); // mid-body: the read buffer is about to be reused
    }
    if (!parser.idle() && requestTimer == null) {
      // Armed only when a request spans reads, so pipelined complete requests cost no timer; it
      // runs until the request is complete, so a body trickled a byte at a time is bounded too.
      requestTimer =
          connection.loop().schedule(context.options().headerReadTimeout(), this::requestTimedOut);
    }
  }

  private void headComplete(ByteBuffer in) {
    body.reset();
    access.begin();
    request.startHead();
    RequestHead head = parser.head();
    boolean bodyFollows = head.chunked() || head.contentLength() > 0;
    if (bodyFollows && !bodyAllowed(head)) {
      return;
    }
    if (head.expectContinue() && bodyFollows && !in.hasRemaining()) {
      out.bytes(ResponseHead.CONTINUE);
      counters.response(Status.CONTINUE);
    }
  }

  /**
   * Applies the route's body limit: a declared length over it is refused before a byte of the body
   * is read (so none is buffered); a chunked body is held to it as it arrives.
   */
  private boolean bodyAllowed(RequestHead head) {
    long limit = context.handler().maxBodyBytes(request);
    if (head.contentLength() > limit) {
      refuse(Status.CONTENT_TOO_LARGE, "body too large");
      return false;
    }
    parser.limitBody(limit);
    return true;
  }

  private void dispatch() {
    cancelRequestTimer();
    counters.requests.increment();
    counters.requestsInFlight.increment();
    awaiting = true;
    request.start(body.body(), body.isBorrowed());
    response.begin();
    dispatching = true;
    try {
      context.handler().handle(request, response);
    } catch (Exception | Error e) {
      handlerFailed(e, !response.claim());
    } finally {
      dispatching = false;
    }
    if (awaiting) {
      request.detach(); // the read buffer is reused after this iteration
      suspendReading();
    }
  }

  /** A handler threw, here or on another thread; {@code answered}: it had completed already. */
  void handlerFailed(Throwable cause, boolean answered) {
    LOG.log(
        Level.WARNING,
        "handler failed on " + request + " from " + connection.remoteAddress(),
        cause);
    if (closed) {
      return;
    }
    if (!answered) {
      writeProblem(Status.INTERNAL_SERVER_ERROR, "the server failed to handle the request", false);
      responseDone();
    } else if (awaiting) {
      connection.abort(); // mid-stream: the response cannot be finished honestly
    }
  }

  /** Answers an invalid request and closes: nothing after it is parsed (no smuggling). */
  private void refuse(int status, String reason) {
    counters.requests.increment();
    LOG.log(Level.DEBUG, () -> "client " + connection.remoteAddress() + " sent " + reason);
    cancelRequestTimer();
    writeProblem(status, reason, true);
    out.flush();
    logAccess();
    closed = true;
    connection.close();
  }

  private void writeProblem(int status, String detail, boolean close) {
    byte[] json = Problem.json(status, detail);
    boolean closing = close || closeAfter();
    closeAfterResponse |= closing;
    counters.response(status);
    access.status(status);
    ResponseHead.write(
        out,
        status,
        Problem.CONTENT_TYPE,
        java.util.List.of(),
        context.defaultHeaders(),
        json.length,
        closing,
        parser.head().version() == 10);
    if (parser.head().method() != dev.pollux.http.Method.HEAD) {
      out.bytes(json);
      access.body(json.length);
    }
  }

  private boolean closeAfter() {
    return closeAfterResponse || shuttingDown || !parser.head().keepAlive();
  }

  // ---- completions, from HttpResponse, on the loop ----

  void sendFixed(HttpResponse r, ByteBuffer data) {
    if (!closed) {
      boolean noBody = r.status == 204 || r.status == 304;
      writeHead(r, noBody ? ResponseHead.NONE : data.remaining());
      if (!noBody && !request.isHead()) {
        access.body(data.remaining());
        out.body(data);
      }
      responseDone();
    }
  }

  void sendFixed(HttpResponse r, byte[] data) {
    if (!closed) {
      boolean noBody = r.status == 204 || r.status == 304;
      writeHead(r, noBody ? ResponseHead.NONE : data.length);
      if (!noBody && !request.isHead()) {
        access.body(data.length);
        out.body(data);
      }
      responseDone();
    }
  }

  void sendFile(HttpResponse r, FileChannel file, long position, long count) {
    if (closed) {
      closeQuietly(file);
      return;
    }
    writeHead(r, count);
    if (request.isHead()) {
      closeQuietly(file);
    } else {
      out.flush();
      access.body(count);
      counters.bytesSent.add(count);
      connection.writeFile(file, position, count);
    }
    responseDone();
  }

  SseStream newEventStream() {
    dev.pollux.http.HttpServerOptions o = context.options();
    return new SseStream(this, connection.loop(), o.eventQueueCapacity(), o.streamStallTimeout());
  }

  /** {@code s}'s queue stayed full for the stall timeout: its client stopped reading. */
  void streamStalled(SseStream s) {
    if (stream == s && !closed) {
      LOG.log(Level.DEBUG, () -> "client " + connection.remoteAddress() + " stopped reading");
      connection.abort(); // what is queued cannot reach it
    }
  }

  /** Starts a body of unknown length for {@code s}, a ChunkedStream or an SseStream. */
  void startStream(HttpResponse r, BodyStream s) {
    if (closed) {
      s.ended();
      return;
    }
    stream = s;
    boolean http10 = parser.head().version() == 10;
    closeAfterResponse |= http10; // HTTP/1.0 has no chunked coding: the close ends the body
    writeHead(r, http10 ? ResponseHead.UNTIL_CLOSE : ResponseHead.CHUNKED);
    out.flush();
    if (request.isHead()) {
      stream = null; // HEAD: the head is the whole response; the stream's writes go nowhere
      s.ended();
      responseDone();
    } else if (s instanceof SseStream events) {
      events.startHeartbeat(context.options().eventHeartbeat());
      events.drain();
    }
  }

  HttpRequest request() {
    return request;
  }

  WebSocketSession newWebSocket(dev.pollux.http.WebSocketListener listener, String protocol) {
    dev.pollux.http.HttpServerOptions o = context.options();
    return new WebSocketSession(
        connection,
        counters,
        listener,
        protocol,
        o.webSocketQueueCapacity(),
        o.streamStallTimeout(),
        o.webSocketMaxMessageBytes());
  }

  /**
   * Answers 101 with {@code fields}; from now on the connection carries {@code socket}'s frames.
   */
  void upgrade(java.util.List<String> fields, WebSocketSession socket) {
    if (closed) {
      socket.ended();
      return;
    }
    counters.response(Status.SWITCHING_PROTOCOLS);
    access.status(Status.SWITCHING_PROTOCOLS);
    ResponseHead.write(
        out, Status.SWITCHING_PROTOCOLS, null, fields, context.defaultHeaders(), -3, false, false);
    out.flush();
    webSocket = socket;
    counters.requestsInFlight.decrement();
    awaiting = false;
    logAccess();
    socket.start();
    ByteBuffer kept = stash;
    stash = null;
    if (kept != null) {
      socket.onData(kept);
    }
    if (suspended) {
      suspended = false;
      connection.resumeReading();
    }
  }

  /** One piece of the current stream's body; dropped when {@code s} is no longer current. */
  void streamBytes(BodyStream s, byte[] bytes) {
    if (stream == s && !closed && !request.isHead()) {
      access.body(bytes.length);
      out.chunk(bytes, parser.head().version() == 11);
      out.flush();
    }
  }

  /** True when a stream may write: the connection is below its high watermark. */
  boolean streamWritable() {
    return !closed && connection.isWritable();
  }

  /** Ends the current stream's body and so the response. */
  void endStream(BodyStream s) {
    if (stream != s || closed) {
      return;
    }
    if (s instanceof SseStream events) {
      events.stopHeartbeat();
    }
    if (parser.head().version() == 11 && !request.isHead()) {
      out.lastChunk();
    }
    stream = null;
    responseDone();
  }

  private void writeHead(HttpResponse r, long length) {
    boolean close = closeAfter();
    closeAfterResponse |= close;
    counters.response(r.status);
    access.status(r.status);
    ResponseHead.write(
        out,
        r.status,
        r.contentType,
        r.headers,
        context.defaultHeaders(),
        length,
        close,
        parser.head().version() == 10);
  }

  /** The current response is complete: close, or go on with the requests that waited. */
  private void responseDone() {
    counters.requestsInFlight.decrement();
    awaiting = false;
    logAccess();
    if (closeAfterResponse || shuttingDown) {
      out.flush();
      closed = true;
      connection.close();
      return;
    }
    if (!dispatching) {
      resume();
    }
  }

  private void resume() {
    ByteBuffer kept = stash;
    stash = null;
    if (kept != null) {
      process(kept, true);
    }
    out.flush();
    if (!awaiting && !outputBlocked && !closed && suspended) {
      suspended = false;
      connection.resumeReading();
    }
    reportHeld();
  }

  /**
   * Tells the loop what this connection holds outside its write queue, when it changed: the head
   * array, a body spread over reads, requests kept unparsed, a stream's queue, a WebSocket's frame
   * and message. The loop's global budget closes the connections that hold the most.
   */
  void reportHeld() {
    long held = 0;
    if (!closed) {
      held = parser.heldBytes() + body.heldBytes() + (stash == null ? 0 : stash.capacity());
      if (stream instanceof SseStream events) {
        held += events.queuedBytes();
      }
      if (webSocket != null) {
        held += webSocket.heldBytes();
      }
    }
    if (held != reportedHeld) {
      reportedHeld = held;
      connection.reportHeldBytes(held);
    }
  }

  private void keep(ByteBuffer in, boolean owned) {
    if (owned && stash == null) {
      stash = in;
    } else {
      int extra = in.remaining();
      ByteBuffer merged = ByteBuffer.allocate((stash == null ? 0 : stash.remaining()) + extra);
      if (stash != null) {
        merged.put(stash);
      }
      merged.put(in).flip();
      stash = merged;
    }
    suspendReading();
  }

  private void suspendReading() {
    if (!suspended) {
      suspended = true;
      connection.suspendReading();
    }
  }

  // ---- timers and connection events ----

  private void requestTimedOut() {
    requestTimer = null;
    if (!closed && !awaiting && !parser.idle()) {
      refuse(Status.REQUEST_TIMEOUT, "request timeout");
    }
  }

  private void cancelRequestTimer() {
    if (requestTimer != null) {
      requestTimer.cancel();
      requestTimer = null;
    }
  }

  @Override
  public void onIdle(Connection c) {
    if (webSocket != null) {
      webSocket.idle();
      return;
    }
    if (closed) {
      return;
    }
    if (awaiting) {
      if (!connection.isWritable()) {
        // A response or stream waits on a client that has read nothing for the idle timeout.
        LOG.log(Level.DEBUG, () -> "client " + connection.remoteAddress() + " stopped reading");
        connection.abort();
      }
      return; // a handler or a stream is at work; a stream's heartbeat keeps it from idling
    }
    if (parser.idle()) {
      closed = true;
      connection.close(); // keep-alive timeout: a silent close (RFC 9112 §9.8)
    } else {
      refuse(Status.REQUEST_TIMEOUT, "request timeout");
    }
  }

  @Override
  public void onWritable(Connection c) {
    if (webSocket != null) {
      webSocket.drain();
    }
    if (stream instanceof SseStream s) {
      s.drain();
    }
    if (outputBlocked && !closed) {
      outputBlocked = false;
      resume(); // the requests that waited for the client to read
    }
    reportHeld();
  }

  @Override
  public void onInputClosed(Connection c) {
    if (webSocket != null) {
      webSocket.ended(); // gone without a close frame: 1006
      closed = true;
      connection.close();
    } else if (awaiting) {
      closeAfterResponse = true; // answer what was asked, then close
    } else {
      closed = true;
      connection.close();
    }
  }

  @Override
  public void onShutdown(Connection c) {
    shuttingDown = true;
    if (webSocket != null) {
      webSocket.shutdown();
    } else if (stream instanceof SseStream s) {
      s.markClosed();
      endStream(s);
    } else if (!awaiting) {
      closed = true;
      connection.close();
    }
  }

  @Override
  public void onClosed(Connection c, Throwable cause) {
    closed = true;
    counters.openConnections.decrement();
    if (awaiting) {
      counters.requestsInFlight.decrement();
      awaiting = false;
      logAccess(); // a stream the client left, or a response cut short: logged as far as it got
    }
    cancelRequestTimer();
    if (stream != null) {
      stream.ended();
    }
    stream = null;
    stash = null;
    body.release();
    if (webSocket != null) {
      webSocket.ended();
    }
    reportHeld(); // 0: the connection lets go of everything
  }

  private void logAccess() {
    access.done(connection.remoteAddress(), parser.head());
  }

  private static void closeQuietly(FileChannel file) {
    try {
      file.close();
    } catch (IOException e) {
      LOG.log(Level.DEBUG, "closing a file not sent", e);
    }
  }
}
