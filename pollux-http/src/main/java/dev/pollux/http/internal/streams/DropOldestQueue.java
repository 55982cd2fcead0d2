package dev.pollux.http.internal.streams;

import dev.pollux.loop.EventLoop;
import java.time.Duration;
import java.util.ArrayDeque;

/**
 * The bounded queue between the threads that send on a stream (server-sent events, WebSocket
 * messages) and the loop that writes them: senders {@link #offer} encoded messages from any thread;
 * the loop {@link #poll}s them while its connection is below the high watermark. When the queue is
 * full the oldest message is dropped and counted, so a client that falls behind holds at most
 * {@code capacity} messages here.
 *
 * <p>A queue that stays full for {@code stallTimeout} (the client stopped reading: nothing drains
 * it) runs its {@code stalled} action on the loop, once; the stream closes the connection there.
 *
 * <p>Guarded by {@code this}: each section is a few field updates; the actions run outside it.
 */
public final class DropOldestQueue {

  private static final long NOT_FULL = Long.MIN_VALUE;

  private final EventLoop loop;
  private final int capacity;
  private final long stallNanos;
  private final Runnable stalled;
  private final ArrayDeque<byte[]> items; // guarded by this
  private long bytes; // guarded by this
  private long dropped; // guarded by this
  private boolean open = true; // guarded by this
  private boolean drainPending; // guarded by this
  private long fullSinceNanos = NOT_FULL; // guarded by this
  private boolean stallCheckArmed; // guarded by this

  /**
   * A queue of at most {@code capacity} messages drained on {@code loop}; {@code stalled} runs on
   * the loop when it has stayed full for {@code stallTimeout}.
   */
  public DropOldestQueue(EventLoop loop, int capacity, Duration stallTimeout, Runnable stalled) {
    this.loop = loop;
    this.capacity = capacity;
    this.stallNanos = stallTimeout.toNanos();
    this.stalled = stalled;
    this.items = new ArrayDeque<>(Math.min(capacity, 16));
  }

  /**
   * Any thread: adds {@code message}, dropping the oldest when full. Returns true when the caller
   * must have the queue drained (no drain is pending yet); false when one is, or when the queue is
   * closed and {@code message} was ignored.
   */
  public boolean offer(byte[] message) {
    boolean armStallCheck = false;
    boolean schedule;
    synchronized (this) {
      if (!open) {
        return false;
      }
      if (items.size() == capacity) {
        bytes -= items.pollFirst().length;
        dropped++;
      }
      items.addLast(message);
      bytes += message.length;
      if (items.size() == capacity && fullSinceNanos == NOT_FULL) {
        fullSinceNanos = System.nanoTime();
        armStallCheck = !stallCheckArmed;
        stallCheckArmed = true;
      }
      schedule = !drainPending;
      drainPending = true;
    }
    if (armStallCheck) {
      loop.schedule(Duration.ofNanos(stallNanos), this::checkStall); // callable from any thread
    }
    return schedule;
  }

  /** Loop thread: a drain begins; later offers schedule another. */
  public synchronized void draining() {
    drainPending = false;
  }

  /** Loop thread: the oldest message, or null when the queue is empty. */
  public synchronized byte[] poll() {
    byte[] next = items.pollFirst();
    if (next != null) {
      bytes -= next.length;
      fullSinceNanos = NOT_FULL; // something drains: the client reads
    }
    return next;
  }

  /** True when no message waits. */
  public synchronized boolean isEmpty() {
    return items.isEmpty();
  }

  /** The bytes of the messages waiting, for the connection's accounting. */
  public synchronized long bytes() {
    return bytes;
  }

  /** Messages dropped because the queue was full. */
  public synchronized long dropped() {
    return dropped;
  }

  /** False once closed. */
  public synchronized boolean isOpen() {
    return open;
  }

  /**
   * Takes no more messages but keeps those waiting, for a close that flushes them first (a
   * WebSocket's close frame goes after what was sent before it); true the first time.
   */
  public synchronized boolean stopAccepting() {
    boolean was = open;
    open = false;
    return was;
  }

  /** Closes the queue and lets go of its messages; true when it was still accepting. */
  public synchronized boolean close() {
    boolean was = open;
    open = false;
    items.clear();
    bytes = 0;
    return was;
  }

  /** Loop thread: still full since it filled? Then the client has stopped reading. */
  private void checkStall() {
    long remaining;
    synchronized (this) {
      if (!open || fullSinceNanos == NOT_FULL) {
        stallCheckArmed = false;
        return;
      }
      remaining = fullSinceNanos + stallNanos - loop.nanoTime();
      stallCheckArmed = remaining > 0;
    }
    if (remaining > 0) {
      loop.schedule(Duration.ofNanos(remaining), this::checkStall);
    } else {
      stalled.run();
    }
  }
}
