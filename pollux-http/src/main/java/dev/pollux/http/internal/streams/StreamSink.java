package dev.pollux.http.internal.streams;

/**
 * The connection a {@link BodyStream} writes through. Loop thread only; each method ignores a
 * stream that is no longer the connection's current one (one that ended), so a late write from a
 * sender's thread goes nowhere.
 */
public interface StreamSink {

  /**
   * True when a stream may write now: the connection is below its high watermark and its group
   * within its memory budget.
   */
  boolean streamWritable();

  /**
   * One piece of {@code stream}'s body, gathered until {@link #streamFlush} or until 16 KiB are
   * gathered, so that {@link #streamWritable()} never lags by more.
   */
  void streamBytes(BodyStream stream, byte[] bytes);

  /**
   * Hands the pieces gathered to the connection, as one write: a stream that writes several pieces
   * in one go (the events that queued up) flushes once, after the last.
   */
  void streamFlush(BodyStream stream);

  /** Ends {@code stream}'s body, and so the response. */
  void endStream(BodyStream stream);

  /** {@code stream}'s queue stayed full for the stall timeout: its client stopped reading. */
  void streamStalled(BodyStream stream);

  /** What the stream holds changed; the connection tells the loop its new total. */
  void reportHeld();
}
