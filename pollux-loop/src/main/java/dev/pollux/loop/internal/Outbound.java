package dev.pollux.loop.internal;

import dev.pollux.loop.spi.StreamSocket;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The output side of one {@link TcpConnection}: its {@link WriteQueue}, how the queue is written
 * next ({@link Flush}), and where it stands against the server's watermarks. Past the high
 * watermark the connection stops reading (checked as output is queued, so at most one read's worth
 * of output lands above it); at or below the low watermark it resumes and the handler hears {@code
 * onWritable}. Loop thread only.
 */
final class Outbound {

  /** Bytes written per connection per flush at most (fairness between connections). */
  static final long WRITE_BUDGET_BYTES = 256 * 1024;

  /** How the queued output is written next. */
  private enum Flush {
    /** Nothing scheduled: the queue is empty, or nothing was queued since the last flush. */
    IDLE,
    /** In the loop's flush queue: written at the end of this iteration. */
    QUEUED,
    /** The socket was full: written when the poller reports it writable. */
    AWAITING_WRITABLE
  }

  private final WriteQueue queue = new WriteQueue();
  private final int lowWatermarkBytes;
  private final int highWatermarkBytes;
  private Flush flush = Flush.IDLE;
  private boolean aboveHigh; // the queue passed the high watermark and has not drained to the low

  Outbound(int lowWatermarkBytes, int highWatermarkBytes) {
    this.lowWatermarkBytes = lowWatermarkBytes;
    this.highWatermarkBytes = highWatermarkBytes;
  }

  void add(ByteBuffer data) {
    queue.add(data);
  }

  void add(FileRegion region) {
    queue.add(region);
  }

  /** After an add: true once, when the queue has just passed the high watermark. */
  boolean passedHigh() {
    if (!aboveHigh && queue.bytes() > highWatermarkBytes) {
      aboveHigh = true;
      return true;
    }
    return false;
  }

  /** After a write: true once, when a queue that passed the high watermark is down to the low. */
  boolean drainedToLow() {
    if (aboveHigh && queue.bytes() <= lowWatermarkBytes) {
      aboveHigh = false;
      return true;
    }
    return false;
  }

  /** Whether the queue passed the high watermark and has not drained to the low one since. */
  boolean aboveHigh() {
    return aboveHigh;
  }

  /** Marks a flush scheduled; true if it was not already (the caller queues it on the loop). */
  boolean scheduleFlush() {
    if (flush == Flush.IDLE) {
      flush = Flush.QUEUED;
      return true;
    }
    return false;
  }

  /** The flush runs now: whatever was scheduled is being done. */
  void flushing() {
    flush = Flush.IDLE;
  }

  /**
   * Writes what the socket takes, up to {@link #WRITE_BUDGET_BYTES}; returns the bytes written. If
   * some is left (the socket is full or the budget spent), the next flush waits for writability.
   */
  long writeTo(StreamSocket socket, ByteBuffer[] gather) throws IOException {
    long written = queue.writeTo(socket, gather, WRITE_BUDGET_BYTES);
    if (!queue.isEmpty()) {
      flush = Flush.AWAITING_WRITABLE;
    }
    return written;
  }

  /** Whether the poller should report the socket writable (level-triggered, it resumes a flush). */
  boolean awaitsWritable() {
    return flush == Flush.AWAITING_WRITABLE;
  }

  boolean isEmpty() {
    return queue.isEmpty();
  }

  long bytes() {
    return queue.bytes();
  }

  /** Bytes queued in buffers, as counted against the memory budget. */
  long bufferBytes() {
    return queue.bufferBytes();
  }

  void discard() {
    queue.discard();
  }
}
