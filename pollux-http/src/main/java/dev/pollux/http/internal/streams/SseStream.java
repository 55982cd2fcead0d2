package dev.pollux.http.internal.streams;

import dev.pollux.http.EventStream;
import dev.pollux.loop.EventLoop;
import dev.pollux.loop.Timeout;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * An {@link EventStream}: events are encoded on the sender's thread into a {@link DropOldestQueue};
 * the loop drains the queue into the connection only while the connection is writable (below its
 * high watermark). A client that falls behind thus holds at most the queue plus the watermark; when
 * the queue is full the oldest event is dropped and counted, and when it stays full for the stall
 * timeout the client has stopped reading and is closed.
 *
 * <p>The close actions are guarded by {@code this}; the queue guards itself.
 */
public final class SseStream implements EventStream, BodyStream {

  private static final byte[] HEARTBEAT = ": heartbeat\n\n".getBytes(StandardCharsets.US_ASCII);

  /** The last event encoded, by any stream of any server in this JVM (see {@link #encoded}). */
  private static volatile Encoded lastEncoded = new Encoded(null, "", encode(null, ""));

  private final StreamSink connection;
  private final EventLoop loop;
  private final DropOldestQueue queue;
  private final List<Runnable> onClose = new ArrayList<>(); // guarded by this
  private final Runnable drainTask = this::drain;
  private Timeout heartbeat; // loop thread only

  /**
   * A stream written through {@code connection} on {@code loop}, queueing at most {@code capacity}
   * events, closed when its queue stays full for {@code stallTimeout}.
   */
  public SseStream(StreamSink connection, EventLoop loop, int capacity, Duration stallTimeout) {
    this.connection = connection;
    this.loop = loop;
    this.queue = new DropOldestQueue(loop, capacity, stallTimeout, this::stalled);
  }

  @Override
  public void send(String event, String data) {
    if (queue.offer(encoded(event, data))) {
      loop.execute(drainTask); // always later: the stream may not have started yet
    }
  }

  /** Loop thread: writes queued events while the connection takes them. */
  public void drain() {
    queue.draining();
    while (connection.streamWritable()) {
      byte[] next = queue.poll();
      if (next == null) {
        break;
      }
      connection.streamBytes(this, next);
    }
    connection.streamFlush(this);
    connection.reportHeld();
  }

  /** The bytes of the events waiting to be written. */
  public long queuedBytes() {
    return queue.bytes();
  }

  /** Loop thread: the queue stayed full for the stall timeout; the client stopped reading. */
  private void stalled() {
    if (markClosed()) {
      connection.streamStalled(this);
    }
  }

  /** Loop thread: sends a heartbeat every {@code period} until {@link #stopHeartbeat()}. */
  public void startHeartbeat(Duration period) {
    heartbeat =
        loop.schedule(
            period,
            () -> {
              if (heartbeat != null) {
                heartbeat();
                startHeartbeat(period);
              }
            });
  }

  /** Loop thread. */
  public void stopHeartbeat() {
    if (heartbeat != null) {
      heartbeat.cancel();
      heartbeat = null;
    }
  }

  /** Loop thread: a heartbeat, sent only when nothing waits (an event says as much). */
  private void heartbeat() {
    if (queue.isEmpty() && queue.isOpen() && connection.streamWritable()) {
      connection.streamBytes(this, HEARTBEAT);
      connection.streamFlush(this);
    }
  }

  @Override
  public long dropped() {
    return queue.dropped();
  }

  @Override
  public boolean isOpen() {
    return queue.isOpen();
  }

  @Override
  public void onClose(Runnable action) {
    synchronized (this) {
      if (queue.isOpen()) {
        onClose.add(action);
        return;
      }
    }
    action.run();
  }

  @Override
  public void close() {
    if (markClosed()) {
      loop.execute(() -> connection.endStream(this));
    }
  }

  @Override
  public void ended() {
    stopHeartbeat();
    markClosed();
  }

  /** Marks the stream closed and runs the close actions; true the first time. */
  public boolean markClosed() {
    List<Runnable> actions;
    synchronized (this) {
      if (!queue.close()) {
        return false;
      }
      actions = List.copyOf(onClose);
      onClose.clear();
    }
    actions.forEach(Runnable::run);
    return true;
  }

  /**
   * The bytes of an event, encoded once for a broadcast: a server sends the same event and data
   * objects to every stream in turn, so the last encoding, found by the identity of those two
   * objects, serves them all (a thousand clients cost one encoding, not a thousand). The bytes are
   * shared and never written to.
   */
  @SuppressWarnings("ReferenceEquality") // identity is the point: equal contents would need a scan
  static byte[] encoded(String event, String data) {
    Encoded last = lastEncoded;
    if (last.event == event && last.data == data) {
      return last.bytes;
    }
    byte[] bytes = encode(event, data);
    lastEncoded = new Encoded(event, data, bytes);
    return bytes;
  }

  /** An event's strings and their encoding. */
  private static final class Encoded {
    final String event;
    final String data;
    final byte[] bytes;

    Encoded(String event, String data, byte[] bytes) {
      this.event = event;
      this.data = data;
      this.bytes = bytes;
    }
  }

  /** {@code event: <event>\ndata: <line>\n...\n} with one data line per line of {@code data}. */
  static byte[] encode(String event, String data) {
    StringBuilder s = new StringBuilder(data.length() + 32);
    if (event != null) {
      s.append("event: ").append(oneLine(event)).append('\n');
    }
    int start = 0;
    while (true) {
      int end = data.indexOf('\n', start);
      String line = data.substring(start, end < 0 ? data.length() : end);
      s.append("data: ").append(line.replace("\r", "")).append('\n');
      if (end < 0) {
        break;
      }
      start = end + 1;
    }
    s.append('\n');
    return s.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String oneLine(String s) {
    return s.replace("\r", "").replace("\n", "");
  }
}
