package dev.pollux.http.internal.connection;

import dev.pollux.http.Handler;
import dev.pollux.http.HttpStatus;
import dev.pollux.http.WebSocketListener;
import dev.pollux.http.internal.codec.ParseResult;
import dev.pollux.http.internal.codec.ParseResult.Invalid;
import dev.pollux.http.internal.codec.RequestHead;
import dev.pollux.http.internal.routing.AsteriskOptions;
import dev.pollux.http.internal.streams.BodyStream;
import dev.pollux.http.internal.websocket.WebSocketSession;
import dev.pollux.loop.Connection;
import dev.pollux.loop.ConnectionHandler;
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
 * <p>The connection is always in one {@link HttpPhase}, which only this class changes; its parts
 * each own one concern: {@link RequestReader} assembles requests and bounds their arrival in time,
 * {@link PendingInput} keeps the input that must wait and applies back-pressure, {@link
 * StreamedBody} carries a body written over time.
 *
 * <p>What only a request in flight needs (the parser and its head arrays, the body, the handler's
 * request and response, the batch the responses are encoded into) is an {@link Exchange}, taken
 * from the loop's {@link ExchangePool} when a request's first byte arrives and given back when the
 * connection is idle again: its responses handed to the loop, no input waiting, no handler holding
 * the request. An idle keep-alive connection holds none of it.
 *
 * <p>Loop thread only, except where a method says otherwise.
 */
public final class HttpConnection implements ConnectionHandler {

  private static final System.Logger LOG = System.getLogger(HttpConnection.class.getName());

  private final HttpServerState server;
  private final HttpCounters counters;
  private final Connection connection;
  private final ResponseWriter writer;
  private final PendingInput pending;
  private final StreamedBody streamed;
  private final ExchangePool pool;
  private Exchange exchange; // while a request is in flight (see the class comment), else null
  private HttpPhase phase = HttpPhase.READING;
  private long reportedHeld; // what the loop was last told this connection holds
  private boolean dispatching; // a handler runs on the loop now: its completion does not resume
  private boolean closeAfterResponse; // the current response is the last
  private boolean shuttingDown;
  private WebSocketSession webSocket; // UPGRADED: the handler of every event from now on

  /** The handler of {@code connection}, sharing {@code server} with the server's others. */
  public HttpConnection(HttpServerState server, Connection connection) {
    this.server = server;
    this.counters = server.counters();
    this.connection = connection;
    this.writer = new ResponseWriter(server, connection);
    this.pending = new PendingInput(connection, writer);
    this.streamed = new StreamedBody(this, connection, writer, server.options());
    this.pool = server.pool(connection.loop());
  }

  @Override
  public void onOpen(Connection c) {
    counters.openConnections.increment();
    connection.setIdleTimeout(server.options().keepAliveTimeout());
  }

  @Override
  public void onData(Connection c, ByteBuffer data) {
    counters.bytesReceived.add(data.remaining());
    if (phase == HttpPhase.UPGRADED) {
      webSocket.onData(c, data);
    } else if (phase == HttpPhase.CLOSED || (closeAfterResponse && !phase.awaitsResponse())) {
      data.position(data.limit()); // after a refusal or a final response nothing more is read
    } else if (phase != HttpPhase.READING) {
      pending.keep(data, false);
    } else {
      process(data, false);
      writer.flush();
      giveBackIfIdle();
    }
    reportHeld();
  }

  /** Parses and answers what {@code in} holds, until it is used up or the phase changes. */
  private void process(ByteBuffer in, boolean owned) {
    if (exchange == null && in.hasRemaining()) {
      exchange = pool.take(); // a request starts: its state is lent until the connection is idle
      exchange.bind(this, connection, streamed);
      writer.attach(exchange);
    }
    RequestReader reader = exchange.reader;
    while (phase == HttpPhase.READING) {
      if (reader.idle() && in.hasRemaining() && pending.outputFull()) {
        phase = HttpPhase.OUTPUT_BLOCKED; // the client does not read: the rest waits for onWritable
        break;
      }
      switch (reader.read(in)) {
        case ParseResult.NeedMore needMore -> {
          return;
        }
        case ParseResult.HeadComplete headComplete -> headComplete(in);
        case ParseResult.Content content -> {} // collected by the reader, never returned
        case ParseResult.Complete complete -> dispatch();
        case Invalid invalid -> {
          refuse(invalid.status(), invalid.reason());
          return;
        }
      }
    }
    if (phase == HttpPhase.UPGRADED) {
      webSocket.onData(connection, in); // frames the client sent right behind its handshake
    } else if (phase != HttpPhase.CLOSED && in.hasRemaining()) {
      pending.keep(in, owned);
    }
  }

  private void headComplete(ByteBuffer in) {
    writer.begin();
    exchange.request.startHead();
    RequestHead head = exchange.reader.head();
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
    long limit = server.handler().maxBodyBytes(exchange.request);
    if (head.contentLength() > limit) {
      refuse(HttpStatus.CONTENT_TOO_LARGE, "body too large");
      return false;
    }
    exchange.reader.limitBody(limit);
    return true;
  }

  private void dispatch() {
    counters.requests.increment();
    counters.requestsInFlight.increment();
    phase = HttpPhase.DISPATCHED;
    HttpRequest request = exchange.request;
    HttpResponse response = exchange.response;
    request.start(exchange.reader.body(), exchange.reader.bodyBorrowed());
    response.begin();
    dispatching = true;
    try {
      Handler handler = request.isAsteriskOptions() ? AsteriskOptions.HANDLER : server.handler();
      handler.handle(request, response);
    } catch (Exception | Error e) {
      handlerFailed(request, e, !response.claim());
    } finally {
      dispatching = false;
    }
    if (phase.awaitsResponse()) {
      request.detach(); // the read buffer is reused after this iteration
      pending.suspendReading();
    }
  }

  /**
   * A handler threw on {@code request}, here or on another thread; {@code answered}: it had
   * completed already.
   */
  void handlerFailed(HttpRequest request, Throwable cause, boolean answered) {
    LOG.log(
        Level.WARNING,
        "handler failed on " + request + " from " + connection.remoteAddress(),
        cause);
    if (phase == HttpPhase.CLOSED) {
      return;
    }
    if (!answered) {
      writer.problem(
          HttpStatus.INTERNAL_SERVER_ERROR,
          "the server failed to handle the request",
          lastResponse());
      responseDone();
    } else if (phase.awaitsResponse()) {
      connection.abort(); // mid-stream: the response cannot be finished honestly
    }
  }

  /** Answers an invalid request and closes: nothing after it is parsed (no smuggling). */
  private void refuse(int status, String reason) {
    counters.requests.increment();
    LOG.log(Level.DEBUG, () -> "client " + connection.remoteAddress() + " sent " + reason);
    exchange.reader.cancelTimer();
    closeAfterResponse = true;
    writer.problem(status, reason, true);
    writer.flush();
    writer.logged();
    phase = HttpPhase.CLOSED;
    connection.close();
  }

  /** Whether the response now written is the last; once true it stays true. */
  private boolean lastResponse() {
    closeAfterResponse |= shuttingDown || !exchange.reader.head().keepAlive();
    return closeAfterResponse;
  }

  // ---- completions, from HttpResponse, on the loop ----

  void sendFixed(HttpResponse r, ByteBuffer data) {
    if (phase != HttpPhase.CLOSED) {
      writer.fixed(r, data, lastResponse());
      responseDone();
    }
  }

  void sendFixed(HttpResponse r, byte[] data) {
    if (phase != HttpPhase.CLOSED) {
      writer.fixed(r, data, lastResponse());
      responseDone();
    }
  }

  void sendFile(HttpResponse r, FileChannel file, long position, long count) {
    if (phase == HttpPhase.CLOSED) {
      ResponseWriter.unsent(file); // the connection is gone
      return;
    }
    writer.file(r, file, position, count, lastResponse());
    if (phase != HttpPhase.CLOSED) {
      responseDone();
    }
  }

  /** Starts a body of unknown length for {@code s}, a ChunkedStream or an SseStream. */
  void startStream(HttpResponse r, BodyStream s) {
    if (phase == HttpPhase.CLOSED) {
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
    phase = HttpPhase.STREAMING;
    streamed.start(s);
  }

  WebSocketSession newWebSocket(WebSocketListener listener, String protocol) {
    return WebSocketSession.open(
        connection, counters.bytesSent, listener, protocol, server.options());
  }

  /** Answers 101 with {@code fields}; from now on {@code socket} handles the connection. */
  void upgrade(List<String> fields, WebSocketSession socket) {
    if (phase == HttpPhase.CLOSED) {
      socket.ended();
      return;
    }
    writer.switchingProtocols(fields);
    counters.requestsInFlight.decrement();
    writer.logged();
    phase = HttpPhase.UPGRADED;
    webSocket = socket;
    socket.start();
    pending.handTo(socket); // frames the client sent right behind its handshake
    giveBackIfIdle();
    reportHeld();
  }

  /** The current response is complete: close, or go on with the requests that waited. */
  void responseDone() {
    counters.requestsInFlight.decrement();
    writer.logged();
    if (closeAfterResponse || shuttingDown) {
      writer.flush();
      phase = HttpPhase.CLOSED;
      connection.close();
      return;
    }
    phase = HttpPhase.READING;
    if (!dispatching) {
      resume();
    }
  }

  /** Parses the input that waited, then reads again if nothing holds the connection back. */
  private void resume() {
    ByteBuffer kept = pending.take();
    if (kept != null) {
      process(kept, true);
    }
    writer.flush();
    if (phase == HttpPhase.READING) {
      pending.resumeReading();
    }
    giveBackIfIdle();
    reportHeld();
  }

  /**
   * Gives the exchange back to the pool when no request is in flight: after an upgrade, or between
   * requests once the responses are handed to the loop and no input waits. Not while a handler runs
   * on the loop: it may still read its request after completing the response.
   */
  private void giveBackIfIdle() {
    if (exchange != null
        && !dispatching
        && (phase == HttpPhase.UPGRADED
            || (phase == HttpPhase.READING
                && exchange.reader.idle()
                && pending.heldBytes() == 0
                && writer.gathered() == 0))) {
      release(true);
    }
  }

  /** Lets go of the exchange: back to the pool, or dropped ({@code reusable} false). */
  private void release(boolean reusable) {
    writer.detach();
    if (reusable) {
      pool.give(exchange);
    }
    exchange = null;
  }

  /**
   * Tells the loop what this connection holds outside its write queue, when it changed: the
   * exchange while a request is in flight (its objects, head arrays, a body spread over reads and
   * the response batch; an event stream keeps it for its whole life), input kept unparsed, a
   * stream's queue, a WebSocket's frame, message and queue. The loop's global budget closes the
   * connections that hold the most.
   */
  void reportHeld() {
    long held = 0;
    if (phase != HttpPhase.CLOSED) {
      held = pending.heldBytes() + streamed.heldBytes();
      if (exchange != null) {
        held += exchange.heldBytes();
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

  /** True when no byte of a next request has come. */
  private boolean betweenRequests() {
    return exchange == null || exchange.reader.idle();
  }

  /** The request that spans reads did not arrive in time; from its {@link RequestReader}. */
  void requestTimedOut() {
    if (phase == HttpPhase.READING && !betweenRequests()) {
      refuse(HttpStatus.REQUEST_TIMEOUT, "request timeout");
    }
  }

  @Override
  public void onIdle(Connection c) {
    switch (phase) {
      case UPGRADED -> webSocket.onIdle(c);
      case CLOSED -> {}
      case DISPATCHED, STREAMING, OUTPUT_BLOCKED -> {
        // A handler or a stream at work keeps the connection (a stream's heartbeat keeps it from
        // idling); a client that has read nothing for the idle timeout does not: output waits
        // and none of it went out. (Not isWritable(): that is also false while the server as a
        // whole is over its memory budget, which says nothing of this client.)
        if (connection.queuedBytes() > 0) {
          LOG.log(Level.DEBUG, () -> "client " + connection.remoteAddress() + " stopped reading");
          connection.abort();
        }
      }
      case READING -> {
        if (betweenRequests()) {
          phase = HttpPhase.CLOSED;
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
      case STREAMING -> streamed.writable();
      case OUTPUT_BLOCKED -> {
        phase = HttpPhase.READING;
        resume(); // the requests that waited for the client to read
      }
      default -> {}
    }
    reportHeld();
  }

  @Override
  public void onInputClosed(Connection c) {
    if (phase == HttpPhase.UPGRADED) {
      webSocket.onInputClosed(c);
    } else if (phase == HttpPhase.DISPATCHED || phase == HttpPhase.STREAMING) {
      closeAfterResponse = true; // answer what was asked, then close
    } else {
      phase = HttpPhase.CLOSED;
      connection.close();
    }
  }

  @Override
  public void onShutdown(Connection c) {
    shuttingDown = true;
    if (phase == HttpPhase.UPGRADED) {
      webSocket.onShutdown(c);
    } else if (!streamed.shutdown() && !phase.awaitsResponse()) {
      // An event stream ended above, and with it its response; other pending ones finish first.
      phase = HttpPhase.CLOSED;
      connection.close();
    }
  }

  @Override
  public void onClosed(Connection c, Throwable cause) {
    boolean wasAwaiting = phase.awaitsResponse();
    phase = HttpPhase.CLOSED;
    counters.openConnections.decrement();
    if (wasAwaiting) {
      counters.requestsInFlight.decrement();
      writer.logged(); // a stream the client left, or a response cut short: as far as it got
    }
    if (exchange != null) {
      exchange.reader.cancelTimer();
      // A handler may still hold the request and response of one that was in flight: dropped.
      release(!wasAwaiting && !dispatching);
    }
    streamed.closed();
    pending.release();
    if (webSocket != null) {
      webSocket.onClosed(c, cause);
    }
    reportHeld(); // 0: the connection lets go of everything
  }
}
