package dev.pollux.loop.internal;

/**
 * The bytes one {@link TcpConnection} counts against its loop's memory budget: what the connection
 * itself costs, what its handler reports, and its queued output's buffers. Every change goes to the
 * loop at once, so the loop's sum is always the sum of its connections'. Loop thread only.
 */
final class HeldBytes {

  /**
   * What an open connection costs on the heap besides its buffers (the connection object, its
   * socket and registration, its timer, its handler), counted so that many empty connections count
   * too. Measured with nio and epoll: see docs/robustness.md.
   */
  static final long CONNECTION_BYTES = 1024;

  private final PollingLoop loop;
  private long reportedBytes; // what the handler says it holds
  private long accountedBytes; // what this connection has added to the loop's held bytes

  HeldBytes(PollingLoop loop) {
    this.loop = loop;
  }

  /**
   * What the handler says it holds now; counted at the next {@link #update}.
   *
   * @throws IllegalArgumentException when {@code bytes} is negative
   */
  void report(long bytes) {
    if (bytes < 0) {
      throw new IllegalArgumentException("held bytes < 0: " + bytes);
    }
    reportedBytes = bytes;
  }

  /** Counts an open connection whose queued output holds {@code queuedBufferBytes}. */
  void update(long queuedBufferBytes) {
    set(CONNECTION_BYTES + reportedBytes + queuedBufferBytes);
  }

  /** Counts a released connection: nothing. */
  void release() {
    set(0);
  }

  /** The bytes last counted. */
  long bytes() {
    return accountedBytes;
  }

  private void set(long now) {
    if (now != accountedBytes) {
      loop.addHeldBytes(now - accountedBytes);
      accountedBytes = now;
    }
  }
}
