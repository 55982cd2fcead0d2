package dev.pollux.loop.internal;

/**
 * Where a {@link TcpConnection} is in its life, and what it may hold in each phase. Beside it,
 * three conditions hold reading back (the peer's end of stream, the handler's {@code
 * suspendReading()}, the high watermark of its {@link Outbound}).
 */
enum ConnectionPhase {
  /**
   * Reading and writing. Holds the write queue (up to about the high watermark, plus the output of
   * the one read that passed it, or one larger write) and what the handler reports.
   */
  OPEN,
  /**
   * {@code shutdownOutput()} asked: writes are dropped, the queue drains, then FIN. Still reads.
   * Holds the queue being drained and what the handler reports.
   */
  OUTPUT_SHUTTING,
  /** FIN sent; still reads until the peer's end of stream. Holds what the handler reports. */
  OUTPUT_SHUT,
  /**
   * {@code close()} asked: no reads, writes dropped; the queue drains (no longer than the idle
   * timeout), then the socket closes. Holds the queue being drained.
   */
  CLOSING,
  /** Released: socket closed, queue dropped, handler told. Holds nothing. */
  CLOSED;

  /** Whether the peer's bytes are still wanted. */
  boolean reads() {
    return this == OPEN || this == OUTPUT_SHUTTING || this == OUTPUT_SHUT;
  }
}
