package dev.pollux.http.internal;

import dev.pollux.http.EventStream;
import dev.pollux.loop.EventLoop;
import dev.pollux.loop.Timeout;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * An {@link EventStream}: events are encoded on the sender's thread into a bounded queue; the loop
 * drains the queue into the connection only while the connection is writable (below its high
 * watermark). A client that falls behind thus holds at most the queue plus the watermark; when the
 * queue is full the oldest event is dropped and counted.
 *
 * <p>The queue is guarded by {@code this}; the sections are a few field updates.
 */
final class SseStream implements EventStream, BodyStream {

  private static final byte[] HEARTBEAT = ": heartbeat\n\n".getBytes(StandardCharsets.US_ASCII);

  private final HttpConnection connection;
  private final EventLoop loop;
  private final int capacity;
  private final ArrayDeque<byte[]> queue; // guarded by this
  private final List<Runnable> onClose = new ArrayList<>(); // guarded by this
  private boolean drainPending; // guarded by this
  private boolean open = true; // guarded by this
  private long dropped; // guarded by this
  private Timeout heartbeat; // loop thread only

  SseStream(HttpConnection connection, EventLoop loop, int capacity) {
    this.connection = connection;
    this.loop = loop;
    this.capacity = capacity;
    this.queue = new ArrayDeque<>(capacity);
  }

  @Override
  public void send(String event, String data) {
    byte[] encoded = encode(event, data);
    boolean schedule;
    synchronized (this) {
      if (!open) {
        return;
      }
      if (queue.size() == capacity) {
        queue.pollFirst();
        dropped++;
      }
      queue.addLast(encoded);
      schedule = !drainPending;
      drainPending = true;
    }
    if (schedule) {
      loop.execute(this::drain);
    }
  }

  /** Loop thread: writes queued events while the connection takes them. */
  void drain() {
    synchronized (this) {
      drainPending = false;
    }
    while (connection.streamWritable()) {
      byte[] next;
      synchronized (this) {
        next = queue.pollFirst();
      }
      if (next == null) {
        return;
      }
      connection.streamBytes(this, next);
    }
  }

  /** Loop thread: sends a heartbeat every {@code period} until {@link #stopHeartbeat()}. */
  void startHeartbeat(Duration period) {
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
  void stopHeartbeat() {
    if (heartbeat != null) {
      heartbeat.cancel();
      heartbeat = null;
    }
  }

  /** Loop thread: a heartbeat, sent only when nothing waits (an event says as much). */
  private void heartbeat() {
    boolean idle;
    synchronized (this) {
      idle = queue.isEmpty() && open;
    }
    if (idle && connection.streamWritable()) {
      connection.streamBytes(this, HEARTBEAT);
    }
  }

  @Override
  public synchronized long dropped() {
    return dropped;
  }

  @Override
  public synchronized boolean isOpen() {
    return open;
  }

  @Override
  public void onClose(Runnable action) {
    synchronized (this) {
      if (open) {
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
  boolean markClosed() {
    List<Runnable> actions;
    synchronized (this) {
      if (!open) {
        return false;
      }
      open = false;
      queue.clear();
      actions = List.copyOf(onClose);
      onClose.clear();
    }
    actions.forEach(Runnable::run);
    return true;
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
