package dev.pollux.http.internal.websocket;

import dev.pollux.http.HttpServerOptions;
import dev.pollux.http.WebSocket;
import dev.pollux.http.WebSocketListener;
import dev.pollux.http.internal.streams.DropOldestQueue;
import dev.pollux.http.internal.streams.SseStream;
import dev.pollux.loop.Connection;
import dev.pollux.loop.ConnectionHandler;
import dev.pollux.loop.EventLoop;
import dev.pollux.loop.Timeout;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.LongAdder;

/**
 * A {@link WebSocket} on a connection that has left HTTP: reads client frames with a {@link
 * FrameParser}, joins fragments (RFC 6455 §5.4) within the message limit, validates text as it
 * arrives, answers pings and runs the close handshake (§7); sends messages through a bounded queue.
 *
 * <p>Design: like {@link SseStream}, messages are encoded on the sender's thread into a {@link
 * DropOldestQueue} that the loop drains only while the connection is below its high watermark; when
 * the queue is full the oldest message is dropped and counted, and when it stays full for the stall
 * timeout the client is closed. Pongs and the close frame bypass the queue. The queue guards
 * itself; everything else is loop thread only.
 */
public final class WebSocketSession implements WebSocket, ConnectionHandler {

  private static final System.Logger LOG = System.getLogger(WebSocketSession.class.getName());

  /** How long the server waits for the client's close frame after sending its own. */
  static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

  private final Connection connection; // null for a refused handshake
  private final LongAdder bytesSent; // the server's count of bytes handed to the loop
  private final WebSocketListener listener;
  private final String subprotocol;
  private final int maxMessageBytes;
  private final DropOldestQueue queue; // null for a refused handshake

  private final FrameParser parser = new FrameParser();
  private final Utf8Validator utf8 = new Utf8Validator();
  private int messageOpcode = -1; // TEXT or BINARY while a fragmented message comes in, else -1
  private byte[] message = new byte[0];
  private int messageLength;
  private boolean started;
  private boolean closeSent;
  private boolean ended;
  private boolean told;
  private boolean pingOutstanding;
  private Timeout closeTimer;

  /**
   * The WebSocket that {@code connection} carries once its 101 is out, with the limits of {@code
   * options}: its send queue, stall timeout and message size.
   */
  public static WebSocketSession open(
      Connection connection,
      LongAdder bytesSent,
      WebSocketListener listener,
      String subprotocol,
      HttpServerOptions options) {
    return new WebSocketSession(
        connection,
        bytesSent,
        listener,
        subprotocol,
        options.webSocketQueueCapacity(),
        options.streamStallTimeout(),
        options.webSocketMaxMessageBytes());
  }

  private WebSocketSession(
      Connection connection,
      LongAdder bytesSent,
      WebSocketListener listener,
      String subprotocol,
      int capacity,
      Duration stallTimeout,
      int maxMessageBytes) {
    this.connection = connection;
    this.bytesSent = bytesSent;
    this.listener = listener;
    this.subprotocol = subprotocol;
    this.maxMessageBytes = maxMessageBytes;
    this.queue =
        connection == null
            ? null
            : new DropOldestQueue(connection.loop(), capacity, stallTimeout, this::stalled);
    this.ended = connection == null;
  }

  /** The WebSocket of a refused handshake: closed from the start. */
  public static WebSocketSession refused(WebSocketListener listener) {
    return new WebSocketSession(null, null, listener, null, 1, Duration.ofSeconds(1), 1);
  }

  // ---- any thread ----

  @Override
  public void sendText(String text) {
    enqueue(FrameEncoder.frame(FrameParser.TEXT, text.getBytes(StandardCharsets.UTF_8)));
  }

  @Override
  public void sendBinary(byte[] data) {
    enqueue(FrameEncoder.frame(FrameParser.BINARY, data));
  }

  @Override
  public void close(int code, String reason) {
    if (!CloseCodes.sendable(code)) {
      throw new IllegalArgumentException("close code not sendable: " + code);
    }
    if (reason.getBytes(StandardCharsets.UTF_8).length > 123) {
      throw new IllegalArgumentException("close reason over 123 bytes: " + reason.length());
    }
    if (queue == null || !queue.stopAccepting()) {
      return;
    }
    onLoop(() -> closeFromServer(code, reason));
  }

  @Override
  public boolean isOpen() {
    return queue != null && queue.isOpen();
  }

  @Override
  public long dropped() {
    return queue == null ? 0 : queue.dropped();
  }

  @Override
  public String subprotocol() {
    return subprotocol;
  }

  private void enqueue(byte[] frame) {
    if (queue == null) {
      return;
    }
    boolean schedule = queue.offer(frame);
    if (connection.loop().inLoop()) {
      drain(); // a listener answering: out now, before a close that came in the same read
    } else if (schedule) {
      connection.loop().execute(this::drain);
    }
  }

  private void onLoop(Runnable task) {
    EventLoop loop = connection.loop();
    if (loop.inLoop()) {
      task.run();
    } else {
      loop.execute(task);
    }
  }

  // ---- loop thread ----

  /** The 101 went out: the listener may talk. */
  public void start() {
    started = true;
    call(() -> listener.onOpen(this));
    drain();
  }

  /** Writes queued messages while the connection takes them. */
  void drain() {
    queue.draining();
    while (started && !closeSent && connection.isWritable()) {
      byte[] next = queue.poll();
      if (next == null) {
        return;
      }
      write(next);
    }
  }

  /** The bytes this WebSocket holds: its queue, the frame and the message being received. */
  public long heldBytes() {
    return (queue == null ? 0 : queue.bytes()) + parser.heldBytes() + message.length;
  }

  /** Loop thread: the queue stayed full for the stall timeout; the client stopped reading. */
  private void stalled() {
    if (!ended) {
      LOG.log(Level.DEBUG, () -> "client " + connection.remoteAddress() + " stopped reading");
      connection.abort();
      ended();
    }
  }

  // ---- the connection's events, handed over by the HTTP connection after the upgrade ----

  @Override
  public void onData(Connection c, ByteBuffer in) {
    onData(in);
  }

  @Override
  public void onWritable(Connection c) {
    drain();
  }

  @Override
  public void onIdle(Connection c) {
    idle();
  }

  @Override
  public void onInputClosed(Connection c) {
    ended(); // gone without a close frame: 1006
    connection.close();
  }

  @Override
  public void onShutdown(Connection c) {
    shutdown();
  }

  @Override
  public void onClosed(Connection c, Throwable cause) {
    ended();
  }

  /** Bytes from the client. */
  private void onData(ByteBuffer in) {
    while (in.hasRemaining() && !ended) {
      parser.budget(maxMessageBytes - (long) messageLength);
      switch (parser.parse(in)) {
        case FrameParser.NeedMore needMore -> {
          return;
        }
        case FrameParser.Frame frame -> frame();
        case FrameParser.Invalid invalid -> fail(invalid.code(), invalid.reason());
      }
    }
    in.position(in.limit()); // after the end nothing more is read
  }

  private void frame() {
    pingOutstanding = false;
    byte[] payload = parser.payload();
    switch (parser.opcode()) {
      case FrameParser.PING -> {
        if (!closeSent) {
          write(FrameEncoder.frame(FrameParser.PONG, payload));
        }
      }
      case FrameParser.PONG -> {} // an answer to our idle ping, or unsolicited (§5.5.3)
      case FrameParser.CLOSE -> closeReceived(payload);
      default -> data(parser.opcode(), payload, parser.fin());
    }
  }

  private void data(int opcode, byte[] payload, boolean fin) {
    if (opcode == FrameParser.CONTINUATION && messageOpcode < 0) {
      fail(1002, "continuation frame without a message");
      return;
    }
    if (opcode != FrameParser.CONTINUATION && messageOpcode >= 0) {
      fail(1002, "new message inside a fragmented one");
      return;
    }
    int type = opcode == FrameParser.CONTINUATION ? messageOpcode : opcode;
    if (opcode != FrameParser.CONTINUATION) {
      utf8.reset();
      messageLength = 0;
    }
    if (type == FrameParser.TEXT
        && (!utf8.feed(payload, 0, payload.length) || (fin && !utf8.complete()))) {
      fail(1007, "invalid UTF-8 in a text message");
      return;
    }
    if (fin && messageLength == 0) {
      messageOpcode = -1;
      deliver(type, payload, payload.length); // one frame: no copy
      return;
    }
    append(payload);
    messageOpcode = fin ? -1 : type;
    if (fin) {
      deliver(type, message, messageLength);
      messageLength = 0;
      message = new byte[0];
    }
  }

  private void append(byte[] payload) {
    int needed = messageLength + payload.length; // within maxMessageBytes: the parser's budget
    if (needed > message.length) {
      message = Arrays.copyOf(message, Math.min(maxMessageBytes, Math.max(needed, 2 * needed)));
    }
    System.arraycopy(payload, 0, message, messageLength, payload.length);
    messageLength = needed;
  }

  private void deliver(int type, byte[] bytes, int length) {
    if (closeSent) {
      return; // closing: messages that cross our close frame are not delivered
    }
    if (type == FrameParser.TEXT) {
      String text = new String(bytes, 0, length, StandardCharsets.UTF_8);
      call(() -> listener.onText(this, text));
    } else {
      byte[] data = length == bytes.length ? bytes : Arrays.copyOf(bytes, length);
      call(() -> listener.onBinary(this, data));
    }
  }

  private void closeReceived(byte[] payload) {
    int code = 1005; // RFC 6455 §7.1.5: no status code was present
    String reason = "";
    if (payload.length == 1) {
      fail(1002, "close frame of one byte");
      return;
    }
    if (payload.length >= 2) {
      code = ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
      if (!CloseCodes.receivable(code)) {
        fail(1002, "invalid close code");
        return;
      }
      byte[] text = Arrays.copyOfRange(payload, 2, payload.length);
      if (!Utf8Validator.isValid(text)) {
        fail(1007, "invalid UTF-8 in a close reason");
        return;
      }
      reason = new String(text, StandardCharsets.UTF_8);
    }
    if (!closeSent) {
      writeQueued();
      closeSent = true;
      write(FrameEncoder.close(code, "")); // §5.5.1: echo the status code
    }
    finish(code, reason);
  }

  /** The client broke the protocol: close with {@code code} and end (§7.1.7). */
  private void fail(int code, String reason) {
    LOG.log(Level.DEBUG, () -> "client " + connection.remoteAddress() + " sent " + reason);
    if (!closeSent) {
      closeSent = true;
      write(FrameEncoder.close(code, reason));
    }
    finish(code, reason);
  }

  private void closeFromServer(int code, String reason) {
    if (ended || closeSent) {
      return;
    }
    started = true; // a close before the listener ran still goes after the 101
    writeQueued();
    closeSent = true;
    write(FrameEncoder.close(code, reason));
    closeTimer = connection.loop().schedule(CLOSE_TIMEOUT, () -> finish(code, reason));
  }

  /**
   * What was sent before the close goes first, past the watermark: at most the queue's capacity.
   */
  private void writeQueued() {
    byte[] next;
    while ((next = pollQueued()) != null) {
      write(next);
    }
  }

  private byte[] pollQueued() {
    return queue.poll();
  }

  /** Ends the WebSocket: closes the connection once the close frame is out; tells the listener. */
  private void finish(int code, String reason) {
    markClosed();
    ended = true;
    if (closeTimer != null) {
      closeTimer.cancel();
      closeTimer = null;
    }
    connection.close();
    tell(code, reason);
  }

  /** The server shuts down: 1001 (§7.4.1). */
  void shutdown() {
    markClosed();
    closeFromServer(1001, "server shutting down");
  }

  /** Nothing came for the idle timeout: a ping; when the next idle period brings no answer, end. */
  void idle() {
    if (pingOutstanding || closeSent) {
      connection.abort();
      ended();
    } else {
      pingOutstanding = true;
      write(FrameEncoder.frame(FrameParser.PING, new byte[0]));
    }
  }

  /** The connection is gone. */
  public void ended() {
    markClosed();
    ended = true;
    if (closeTimer != null) {
      closeTimer.cancel();
      closeTimer = null;
    }
    tell(1006, "");
  }

  private void markClosed() {
    if (queue != null) {
      queue.close();
    }
  }

  private void tell(int code, String reason) {
    if (!told && started) {
      told = true;
      call(() -> listener.onClose(this, code, reason));
    }
  }

  private void write(byte[] frame) {
    bytesSent.add(frame.length);
    connection.write(ByteBuffer.wrap(frame));
  }

  /** Runs a listener method; one that throws ends this WebSocket with 1011 (§7.4.1). */
  private void call(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "WebSocket listener failed on " + connection.remoteAddress(), e);
      if (!ended) {
        markClosed();
        closeFromServer(1011, "server error");
      }
    }
  }
}
