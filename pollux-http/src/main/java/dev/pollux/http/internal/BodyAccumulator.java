package dev.pollux.http.internal;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Collects a request body from the parser's content regions. A body that arrives in one piece stays
 * a slice of the read buffer (no copy); only a body spread over reads is copied, into an array
 * bounded by the body limit the parser enforces.
 *
 * <p>Loop thread only.
 */
final class BodyAccumulator {

  private ByteBuffer borrowed;
  private byte[] bytes;
  private int length;
  private boolean any;

  void reset() {
    if (bytes != null && bytes.length > 64 * 1024) {
      bytes = null; // a large upload does not pin its array to the connection
    }
    borrowed = null;
    length = 0;
    any = false;
  }

  void add(ByteBuffer in, int offset, int count, long expected) {
    if (!any) {
      any = true;
      borrowed = in.slice(offset, count);
      return;
    }
    own(expected);
    ensure(count, expected);
    in.get(offset, bytes, length, count);
    length += count;
  }

  /** Copies a borrowed slice before the read buffer it points into is reused. */
  void own(long expected) {
    if (borrowed != null) {
      ByteBuffer slice = borrowed;
      borrowed = null;
      length = 0;
      ensure(slice.remaining(), expected);
      slice.get(bytes, 0, slice.remaining());
      length = slice.limit();
    }
  }

  /** True while the body is still a slice of the read buffer. */
  boolean isBorrowed() {
    return borrowed != null;
  }

  /** The body, or null when there was none. */
  ByteBuffer body() {
    if (!any) {
      return null;
    }
    return borrowed != null ? borrowed : ByteBuffer.wrap(bytes, 0, length);
  }

  private void ensure(int count, long expected) {
    int needed = length + count;
    if (bytes == null || needed > bytes.length) {
      int size = (int) Math.max(needed, Math.min(Math.max(expected, 0), Integer.MAX_VALUE - 8));
      size = Math.max(size, bytes == null ? 0 : Math.min(bytes.length * 2, Integer.MAX_VALUE - 8));
      bytes = bytes == null ? new byte[size] : Arrays.copyOf(bytes, size);
    }
  }
}
