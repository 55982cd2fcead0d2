package dev.pollux.loop.internal;

import java.nio.ByteBuffer;

/**
 * A bounded byte ring between one producer thread and one consumer thread. The counters are guarded
 * by the owner's lock; the bytes themselves are filled and drained outside it, in the span that the
 * other side cannot touch until {@link #commit} or {@link #release} publishes it under the lock.
 */
final class ByteRing {

  private final byte[] data;
  private long written;
  private long read;

  ByteRing(int capacity) {
    this.data = new byte[capacity];
  }

  int capacity() {
    return data.length;
  }

  /** Bytes filled and not yet released. */
  int filled() {
    return (int) (written - read);
  }

  /** Room left. */
  int free() {
    return data.length - filled();
  }

  byte[] array() {
    return data;
  }

  /** Where the contiguous free span starts. */
  int freeOffset() {
    return (int) (written % data.length);
  }

  /** The length of the contiguous free span (up to the end of the array). */
  int freeSpan() {
    return Math.min(free(), data.length - freeOffset());
  }

  /** Where the contiguous filled span starts. */
  int filledOffset() {
    return (int) (read % data.length);
  }

  /** The length of the contiguous filled span (up to the end of the array). */
  int filledSpan() {
    return Math.min(filled(), data.length - filledOffset());
  }

  /** Publishes {@code n} bytes written into the free span. */
  void commit(int n) {
    written += n;
  }

  /** Frees {@code n} bytes of the filled span. */
  void release(int n) {
    read += n;
  }

  /** Copies as much of {@code src} as fits, in up to two spans; returns the bytes copied. */
  int put(ByteBuffer src) {
    int total = 0;
    while (src.hasRemaining() && free() > 0) {
      int n = Math.min(src.remaining(), freeSpan());
      src.get(data, freeOffset(), n);
      commit(n);
      total += n;
    }
    return total;
  }

  /** Copies as much as {@code dst} takes, in up to two spans; returns the bytes copied. */
  int take(ByteBuffer dst) {
    int total = 0;
    while (dst.hasRemaining() && filled() > 0) {
      int n = Math.min(dst.remaining(), filledSpan());
      dst.put(data, filledOffset(), n);
      release(n);
      total += n;
    }
    return total;
  }
}
