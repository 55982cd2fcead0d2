package dev.pollux.http.internal.connection;

import dev.pollux.http.EventStream;
import dev.pollux.http.HttpStatus;
import dev.pollux.http.Response;
import dev.pollux.http.ResponseStream;
import dev.pollux.http.WebSocket;
import dev.pollux.http.WebSocketListener;
import dev.pollux.http.internal.codec.Ascii;
import dev.pollux.http.internal.codec.Problem;
import dev.pollux.http.internal.streams.ChunkedStream;
import dev.pollux.http.internal.streams.SseStream;
import dev.pollux.http.internal.websocket.WebSocketHandshake;
import dev.pollux.http.internal.websocket.WebSocketSession;
import dev.pollux.loop.EventLoop;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The {@link Response} of an {@link Exchange}, reused for each request it carries. The completing
 * methods may run on any thread: they claim the response once (so a second call fails in its
 * caller) and carry the work to the connection's loop, where {@link HttpConnection} encodes it.
 * Between requests, and while its exchange is pooled, it stays claimed: a late second call fails
 * too.
 */
public final class HttpResponse implements Response {

  private static final System.Logger LOG = System.getLogger(HttpResponse.class.getName());
  private static final String TEXT_UTF8 = "text/plain; charset=utf-8";

  private final HttpRequest request; // the request this response answers
  private final EventLoop loop;
  private final AtomicBoolean committed = new AtomicBoolean(true);
  private HttpConnection connection; // the connection the exchange is lent to, null while pooled
  private StreamedBody streamed; // what a streamed body writes through
  private int generation; // changes with each request and each lending; loop thread only
  final List<String> headers = new ArrayList<>();
  int status;
  String contentType;

  HttpResponse(HttpRequest request, EventLoop loop) {
    this.request = request;
    this.loop = loop;
  }

  /**
   * Lends this response to {@code connection}, whose streamed bodies go through {@code streamed}.
   */
  void bind(HttpConnection connection, StreamedBody streamed) {
    this.connection = connection;
    this.streamed = streamed;
    generation++;
  }

  /** The exchange goes back to its pool: no completion reaches the connection any more. */
  void unbind() {
    committed.set(true);
    connection = null;
    streamed = null;
    headers.clear();
    contentType = null;
    generation++;
  }

  void begin() {
    status = 200;
    contentType = null;
    headers.clear();
    committed.set(false);
    generation++;
  }

  /** Which request and lending this response is at now, for {@link #failed}; on the loop. */
  int generation() {
    return generation;
  }

  @Override
  public Response status(int status) {
    if (status < 200 || status > 599) {
      throw new IllegalArgumentException("status not in 200..599: " + status);
    }
    this.status = status;
    return this;
  }

  @Override
  public Response header(String name, String value) {
    if (name.isEmpty() || !isToken(name)) {
      throw new IllegalArgumentException("invalid header name: " + name);
    }
    if (isServers(name)) {
      throw new IllegalArgumentException("header set by the server: " + name);
    }
    checkValue(value);
    if (name.equalsIgnoreCase("content-type")) {
      contentType = value;
    } else {
      headers.add(name);
      headers.add(value);
    }
    return this;
  }

  @Override
  public Response contentType(String type) {
    checkValue(type);
    contentType = type;
    return this;
  }

  @Override
  public void send(byte[] body) {
    commit();
    if (loop.inLoop()) {
      connection.sendFixed(this, body); // no buffer or task object on the common path
    } else {
      loop.execute(() -> connection.sendFixed(this, body));
    }
  }

  @Override
  public void send(String body) {
    if (contentType == null) {
      contentType = TEXT_UTF8;
    }
    send(body.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void send(ByteBuffer body) {
    commit();
    if (loop.inLoop()) {
      connection.sendFixed(this, body); // no task object on the common path
    } else {
      loop.execute(() -> connection.sendFixed(this, body));
    }
  }

  @Override
  public void send() {
    send(ByteBuffer.allocate(0));
  }

  @Override
  public void sendFile(FileChannel file, long position, long count) {
    commit();
    onLoop(() -> connection.sendFile(this, file, position, count));
  }

  @Override
  public void problem(int status, String detail) {
    status(status);
    contentType = Problem.CONTENT_TYPE;
    send(Problem.json(status, detail));
  }

  @Override
  public ResponseStream stream() {
    commit();
    ChunkedStream stream = streamed.newChunkedStream();
    onLoop(() -> connection.startStream(this, stream));
    return stream;
  }

  @Override
  public EventStream eventStream() {
    commit();
    contentType = "text/event-stream";
    headers.add("Cache-Control");
    headers.add("no-cache");
    SseStream stream = streamed.newEventStream();
    onLoop(() -> connection.startStream(this, stream));
    return stream;
  }

  @Override
  public WebSocket upgradeToWebSocket(WebSocketListener listener, String... subprotocols) {
    WebSocketHandshake.Refusal refusal = WebSocketHandshake.check(request);
    if (refusal != null) {
      if (refusal.status() == HttpStatus.UPGRADE_REQUIRED) {
        header("Sec-WebSocket-Version", "13");
      }
      problem(refusal.status(), refusal.detail());
      return WebSocketSession.refused(listener);
    }
    commit();
    String accept = WebSocketHandshake.accept(request.header("Sec-WebSocket-Key"));
    String protocol =
        WebSocketHandshake.choose(request.header("Sec-WebSocket-Protocol"), subprotocols);
    WebSocketSession socket = connection.newWebSocket(listener, protocol);
    List<String> fields = WebSocketHandshake.headers(accept, protocol, headers);
    onLoop(() -> connection.upgrade(fields, socket));
    return socket;
  }

  @Override
  public boolean isCommitted() {
    return committed.get();
  }

  /**
   * A handler run elsewhere (see {@link Blocking}) threw while this response was at {@code
   * generation}: answer 500 on the loop, or abort. When the response has moved on since (it was
   * complete, and the next request, or another connection, has it now) the failure is only logged:
   * it must not answer or end a request it was never given.
   */
  void failed(Throwable cause, int generation) {
    onLoop(
        () -> {
          if (generation == this.generation) {
            connection.handlerFailed(request, cause, !claim());
          } else {
            LOG.log(Level.WARNING, "handler failed after completing its response", cause);
          }
        });
  }

  /** Claims the response for a completion made on the loop by the connection itself. */
  boolean claim() {
    return committed.compareAndSet(false, true);
  }

  private void commit() {
    if (!committed.compareAndSet(false, true)) {
      throw new IllegalStateException("response already completed");
    }
  }

  private void onLoop(Runnable task) {
    if (loop.inLoop()) {
      task.run();
    } else {
      loop.execute(task);
    }
  }

  private static boolean isServers(String name) {
    return name.equalsIgnoreCase("content-length")
        || name.equalsIgnoreCase("transfer-encoding")
        || name.equalsIgnoreCase("connection")
        || name.equalsIgnoreCase("date")
        || name.equalsIgnoreCase("server");
  }

  private static boolean isToken(String name) {
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c > 0x7F || !Ascii.isToken((byte) c)) {
        return false;
      }
    }
    return true;
  }

  /** Refuses what would split the response (CR, LF) or cannot be sent as a field value. */
  private static void checkValue(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c > 0xFF || !Ascii.isFieldValue((byte) c)) {
        throw new IllegalArgumentException("invalid character in header value at index " + i);
      }
    }
  }
}
