package dev.pollux.http.internal.connection;

import dev.pollux.http.Handler;
import dev.pollux.http.HttpServerOptions;
import dev.pollux.http.HttpStatus;
import dev.pollux.http.WebSocketListener;
import dev.pollux.http.internal.codec.ParseResult;
import dev.pollux.http.internal.codec.ParseResult.Invalid;
import dev.pollux.http.internal.codec.RequestHead;
import dev.pollux.http.internal.codec.RequestParser;
import dev.pollux.http.internal.routing.AsteriskOptions;
import dev.pollux.http.internal.streams.BodyStream;
import dev.pollux.http.internal.streams.SseStream;
import dev.pollux.http.internal.streams.StreamSink;
import dev.pollux.http.internal.websocket.WebSocketSession;
import dev.pollux.loop.Connection;
import dev.pollux.loop.ConnectionHandler;
import dev.pollux.loop.Timeout;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.List;

/**
 * HTTP/1.1 on one connection: parses requests, hands each to the server's handler, has the
 * responses written in request order by its {@link ResponseWriter}, and decides keep-alive,
 * timeouts, backpressure and closing.
 *
 * <p>Design: one request at a time is with a handler. Pipelined requests that arrive in one read
 * are answered one after the other in the same loop iteration, their responses gathered into one
 * write, as long as the client reads them: above the connection's high watermark parsing stops
 * until it drains. When a handler does not complete at once (blocking work on another thread, a
 * stream), the unparsed rest of the input is kept, reading is suspended, and parsing resumes when
 * the response is complete: later requests wait their turn, and the order holds without a reorder
 * buffer. After a WebSocket upgrade every event goes to the {@link WebSocketSession}.
 *
 * <p>Loop thread only, except where a method says otherwise.
 */
public final class HttpConnection implements ConnectionHandler, StreamSink {

  /**
   * Where a connection is. Each phase names what the connection may hold beside its write queue
   * (which the loop bounds by its watermarks) and the limits that bound it; {@link #reportHeld}
   * tells the loop the total.
   */
  enum Phase {
    /**
     * Between requests or reading one: the head array (at most {@code maxRequestLineBytes} plus
     * {@code maxHeaderBytes}) and a body spread over reads, grown with the bytes received up to the
     * route's {@code maxBodyBytes}. The whole request must arrive within {@code headerReadTimeout}.
     */
    READING,
    /** A handler has the request: the input after it waits unparsed (one read; reading stops). */
    DISPATCHED,
    /**
     * A body written over time (chunked, or server-sent events): an event stream's queue ({@code
     * eventQueueCapacity} events, closed when full for {@code streamStallTimeout}) and, unparsed,
     * the input after the request (one read).
     */
    STREAMING,
    /** The output is above its high watermark: pipelined requests wait unparsed (one read). */
    OUTPUT_BLOCKED,
    /**
     * The connection carries a WebSocket: the frame and message being received (at most {@code
     * webSocketMaxMessageBytes}) and the send queue ({@code webSocketQueueCapacity} messages).
     */
    UPGRADED,
    /** Closed by either side, or closing once the last response is out: nothing more is read. */
    CLOSED
  }

  private static final System.Logger LOG = System.getLogger(HttpConnection.class.getName());

  /**
   * A pipelined batch hands what it gathered to the connection once it is this large, so that the
   * connection's watermark sees it and parsing stops while the client does not read.
   */
  private static final int FLUSH_BYTES = 16 * 1024;

  private final HttpServerState context;
  private final HttpCounters counters;
  private final Connection connection;
  private final RequestParser parser;
  private final HttpRequest request;
  private final HttpResponse response;
  private final ResponseWriter writer;
  private final BodyAccumulator body = new BodyAccumulator();
  private Phase phase = Phase.READING;
  private ByteBuffer stash; // input kept unparsed while DISPATCHED, STREAMING or OUTPUT_BLOCKED
  private Timeout requestTimer; // armed while a request spans reads: its whole arrival is bounded
  private long reportedHeld; // what the loop was last told this connection holds
  private boolean dispatching; // a handler runs on the loop now: its completion does not resume
  private boolean suspended; // this handler asked the loop to stop reading
  private boolean closeAfterResponse; // the current response is the last
  private boolean shuttingDown;
  private BodyStream stream; // STREAMING: the body of the current response
  private WebSocketSession webSocket; // UPGRADED: the handler of every event from now on

  /** The handler of {@code connection}, sharing {@code context} with the server's others. */
  public HttpConnection(HttpServerState context, Connection connection) {
    this.context = context;
    this.counters = context.counters();
    this.connection = connection;
    this.parser = new RequestParser(context.limits());
    this.request = new HttpRequest(parser.head(), connection.remoteAddress());
    this.response = new HttpResponse(this, connection.loop());
    this.writer = new ResponseWriter(context, connection, parser.head());
  }

  private boolean awaiting() {
    return phase == Phase.DISPATCHED || phase == Phase.STREAMING;
  }

  @Override
  public void onOpen(Connection c) {
    counters.openConnections.increment();
    connection.setIdleTimeout(context.options().keepAliveTimeout());
  }

  @Override
  public void onData(Connection c, ByteBuffer data) {
    counters.bytesReceived.add(data.remaining());
    if (phase == Phase.UPGRADED) {
      webSocket.onData(c, data);
    } else if (phase == Phase.CLOSED || (closeAfterResponse && !awaiting())) {
      data.position(data.limit()); // after a refusal or a final response nothing more is read
    } else if (phase != Phase.READING) {
      keep(data, false);
    } else {
      process(data, false);
      writer.flush();
    }
    reportHeld();
  }

  /** Parses and answers what {@code in} holds, until it is used up or the phase changes. */
  private void process(ByteBuffer in, boolean owned) {
    while (phase == Phase.READING) {
      if (parser.idle() && in.hasRemaining() && outputFull()) {
        phase = Phase.OUTPUT_BLOCKED; // the client does not read: the rest waits for onWritable
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
    if (phase == Phase.UPGRADED) {
      webSocket.onData(connection, in); // frames the client sent right behind its handshake
    } else if (phase != Phase.CLOSED && in.hasRemaining()) {
      keep(in, owned);
    }
  }

  /**
   * Flushes a large pipelined batch; true when the connection is above its high watermark, so that
   * no more requests are answered until it drains (the answers would pile up unread).
   */
  private boolean outputFull() {
    if (writer.gathered() >= FLUSH_BYTES) {
      writer.flush();
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
    writer.begin();
    request.startHead();
    RequestHead head = parser.head();
    boolean bodyFollows = head.chunked() || head.contentLength() > 0;
    if (bodyFollows && !bodyAllowed(head)) {
      return;
    }
    if (head.expectContinue() && bodyFollows && !in.hasRemaining()) {
      writer.continueInterim();
    }
  }

  /**
   * Applies the route's body limit: a declared length over it is refused before a byte of the body
   * is read (so none is buffered); a chunked body is held to it as it arrives.
   */
  private boolean bodyAllowed(RequestHead head) {
    long limit = context.handler().maxBodyBytes(request);
    if (head.contentLength() > limit) {
      refuse(HttpStatus.CONTENT_TOO_LARGE, "body too large");
      return false;
    }
    parser.limitBody(limit);
    return true;
  }

  private void dispatch() {
    cancelRequestTimer();
    counters.requests.increment();
    counters.requestsInFlight.increment();
    phase = Phase.DISPATCHED;
    request.start(body.body(), body.isBorrowed());
    response.begin();
    dispatching = true;
    try {
      Handler handler = request.isAsteriskOptions() ? AsteriskOptions.HANDLER : context.handler();
      handler.handle(request, response);
    } catch (Exception | Error e) {
      handlerFailed(e, !response.claim());
    } finally {
      dispatching = false;
    }
    if (awaiting()) {
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
    if (phase == Phase.CLOSED) {
      return;
    }
    if (!answered) {
      writer.problem(
          HttpStatus.INTERNAL_SERVER_ERROR,
          "the server failed to handle the request",
          lastResponse());
      responseDone();
    } else if (awaiting()) {
      connection.abort(); // mid-stream: the response cannot be finished honestly
    }
  }

  /** Answers an invalid request and closes: nothing after it is parsed (no smuggling). */
  private void refuse(int status, String reason) {
    counters.requests.increment();
    LOG.log(Level.DEBUG, () -> "client " + connection.remoteAddress() + " sent " + reason);
    cancelRequestTimer();
    closeAfterResponse = true;
    writer.problem(status, reason, true);
    writer.flush();
    writer.logged();
    phase = Phase.CLOSED;
    connection.close();
  }

  /** Whether the response now written is the last; once true it stays true. */
  private boolean lastResponse() {
    closeAfterResponse |= shuttingDown || !parser.head().keepAlive();
    return closeAfterResponse;
  }

  // ---- completions, from HttpResponse, on the loop ----

  void sendFixed(HttpResponse r, ByteBuffer data) {
    if (phase != Phase.CLOSED) {
      writer.fixed(r, data, lastResponse());
      responseDone();
    }
  }

  void sendFixed(HttpResponse r, byte[] data) {
    if (phase != Phase.CLOSED) {
      writer.fixed(r, data, lastResponse());
      responseDone();
    }
  }

  void sendFile(HttpResponse r, FileChannel file, long position, long count) {
    if (phase == Phase.CLOSED || !writer.file(r, file, position, count, lastResponse())) {
      closeQuietly(file); // the connection is gone, or HEAD: the head is the whole response
    }
    if (phase != Phase.CLOSED) {
      responseDone();
    }
  }

  SseStream newEventStream() {
    HttpServerOptions o = context.options();
    return new SseStream(this, connection.loop(), o.eventQueueCapacity(), o.streamStallTimeout());
  }

  /** Starts a body of unknown length for {@code s}, a ChunkedStream or an SseStream. */
  void startStream(HttpResponse r, BodyStream s) {
    if (phase == Phase.CLOSED) {
      s.ended();
      return;
    }
    closeAfterResponse |= writer.http10(); // HTTP/1.0 has no chunked coding: the close ends it
    writer.streamHead(r, lastResponse());
    if (writer.isHead()) {
      s.ended(); // HEAD: the head is the whole response; the stream's writes go nowhere
      responseDone();
      return;
    }
    phase = Phase.STREAMING;
    stream = s;
    if (s instanceof SseStream events) {
      events.startHeartbeat(context.options().eventHeartbeat());
      events.drain();
    }
  }

  /** One piece of the current stream's body; dropped when {@code s} is no longer current. */
  @Override
  public void streamBytes(BodyStream s, byte[] bytes) {
    if (stream == s && phase == Phase.STREAMING) {
      writer.chunk(bytes);
    }
  }

  /** True when a stream may write: the connection is below its high watermark. */
  @Override
  public boolean streamWritable() {
    return phase == Phase.STREAMING && connection.isWritable();
  }

  /** Ends the current stream's body and so the response. */
  @Override
  public void endStream(BodyStream s) {
    if (stream != s || phase != Phase.STREAMING) {
      return;
    }
    if (s instanceof SseStream events) {
      events.stopHeartbeat();
    }
    writer.endStream();
    stream = null;
    responseDone();
  }

  /** {@code s}'s queue stayed full for the stall timeout: its client stopped reading. */
  @Override
  public void streamStalled(BodyStream s) {
    if (stream == s && phase == Phase.STREAMING) {
      LOG.log(Level.DEBUG, () -> "client " + connection.remoteAddress() + " stopped reading");
      connection.abort(); // what is queued cannot reach it
    }
  }

  HttpRequest request() {
    return request;
  }

  WebSocketSession newWebSocket(WebSocketListener listener, String protocol) {
    return WebSocketSession.open(
        connection, counters.bytesSent, listener, protocol, context.options());
  }

  /** Answers 101 with {@code fields}; from now on {@code socket} handles the connection. */
  void upgrade(List<String> fields, WebSocketSession socket) {
    if (phase == Phase.CLOSED) {
      socket.ended();
      return;
    }
    writer.switchingProtocols(fields);
    counters.requestsInFlight.decrement();
    writer.logged();
    phase = Phase.UPGRADED;
    webSocket = socket;
    socket.start();
    ByteBuffer kept = stash;
    stash = null;
    if (kept != null) {
      socket.onData(connection, kept);
    }
    if (suspended) {
      suspended = false;
      connection.resumeReading();
    }
    reportHeld();
  }

  /** The current response is complete: close, or go on with the requests that waited. */
  private void responseDone() {
    counters.requestsInFlight.decrement();
    writer.logged();
    if (closeAfterResponse || shuttingDown) {
      writer.flush();
      phase = Phase.CLOSED;
      connection.close();
      return;
    }
    phase = Phase.READING;
    if (!dispatching) {
      resume();
    }
  }

  /** Parses the input that waited, then reads again if nothing holds the connection back. */
  private void resume() {
    ByteBuffer kept = stash;
    stash = null;
    if (kept != null) {
      process(kept, true);
    }
    writer.flush();
    if (phase == Phase.READING && suspended) {
      suspended = false;
      connection.resumeReading();
    }
    reportHeld();
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

  /**
   * Tells the loop what this connection holds outside its write queue, when it changed: the head
   * array, a body spread over reads, input kept unparsed, a stream's queue, a WebSocket's frame,
   * message and queue. The loop's global budget closes the connections that hold the most.
   */
  @Override
  public void reportHeld() {
    long held = 0;
    if (phase != Phase.CLOSED) {
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

  // ---- timers and connection events ----

  private void requestTimedOut() {
    requestTimer = null;
    if (phase == Phase.READING && !parser.idle()) {
      refuse(HttpStatus.REQUEST_TIMEOUT, "request timeout");
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
    switch (phase) {
      case UPGRADED -> webSocket.onIdle(c);
      case CLOSED -> {}
      case DISPATCHED, STREAMING, OUTPUT_BLOCKED -> {
        // A handler or a stream at work keeps the connection (a stream's heartbeat keeps it from
        // idling); a client that has read nothing for the idle timeout does not.
        if (!connection.isWritable()) {
          LOG.log(Level.DEBUG, () -> "client " + connection.remoteAddress() + " stopped reading");
          connection.abort();
        }
      }
      case READING -> {
        if (parser.idle()) {
          phase = Phase.CLOSED;
          connection.close(); // keep-alive timeout: a silent close (RFC 9112 §9.8)
        } else {
          refuse(HttpStatus.REQUEST_TIMEOUT, "request timeout");
        }
      }
    }
  }

  @Override
  public void onWritable(Connection c) {
    switch (phase) {
      case UPGRADED -> webSocket.onWritable(c);
      case STREAMING -> {
        if (stream instanceof SseStream s) {
          s.drain();
        }
      }
      case OUTPUT_BLOCKED -> {
        phase = Phase.READING;
        resume(); // the requests that waited for the client to read
      }
      default -> {}
    }
    reportHeld();
  }

  @Override
  public void onInputClosed(Connection c) {
    if (phase == Phase.UPGRADED) {
      webSocket.onInputClosed(c);
    } else if (phase == Phase.DISPATCHED || phase == Phase.STREAMING) {
      closeAfterResponse = true; // answer what was asked, then close
    } else {
      phase = Phase.CLOSED;
      connection.close();
    }
  }

  @Override
  public void onShutdown(Connection c) {
    shuttingDown = true;
    if (phase == Phase.UPGRADED) {
      webSocket.onShutdown(c);
    } else if (stream instanceof SseStream s) {
      s.markClosed();
      endStream(s);
    } else if (!awaiting()) {
      phase = Phase.CLOSED;
      connection.close();
    }
  }

  @Override
  public void onClosed(Connection c, Throwable cause) {
    boolean wasAwaiting = awaiting();
    phase = Phase.CLOSED;
    counters.openConnections.decrement();
    if (wasAwaiting) {
      counters.requestsInFlight.decrement();
      writer.logged(); // a stream the client left, or a response cut short: as far as it got
    }
    cancelRequestTimer();
    if (stream != null) {
      stream.ended();
    }
    stream = null;
    stash = null;
    body.release();
    if (webSocket != null) {
      webSocket.onClosed(c, cause);
    }
    reportHeld(); // 0: the connection lets go of everything
  }

  private static void closeQuietly(FileChannel file) {
    try {
      file.close();
    } catch (IOException e) {
      LOG.log(Level.DEBUG, "closing a file not sent", e);
    }
  }
}
