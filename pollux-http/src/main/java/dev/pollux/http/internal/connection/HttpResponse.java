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
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The {@link Response} of a connection, reused for each of its requests. The completing methods may
 * run on any thread: they claim the response once (so a second call fails in its caller) and carry
 * the work to the connection's loop, where {@link HttpConnection} encodes it.
 */
public final class HttpResponse implements Response {

  private static final String TEXT_UTF8 = "text/plain; charset=utf-8";

  private final HttpConnection connection;
  private final HttpRequest request; // the request this response answers
  private final StreamedBody streamed; // what a streamed body writes through
  private final EventLoop loop;
  private final AtomicBoolean committed = new AtomicBoolean();
  final List<String> headers = new ArrayList<>();
  int status;
  String contentType;

  HttpResponse(
      HttpConnection connection, HttpRequest request, StreamedBody streamed, EventLoop loop) {
    this.connection = connection;
    this.request = request;
    this.streamed = streamed;
    this.loop = loop;
  }

  void begin() {
    status = 200;
    contentType = null;
    headers.clear();
    committed.set(false);
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

  /** A handler run elsewhere (see {@link Blocking}) threw: answer 500 on the loop, or abort. */
  void failed(Throwable cause) {
    boolean answered = !committed.compareAndSet(false, true);
    onLoop(() -> connection.handlerFailed(cause, answered));
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
