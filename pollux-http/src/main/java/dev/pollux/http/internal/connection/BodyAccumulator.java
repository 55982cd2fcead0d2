package dev.pollux.http.internal.connection;

import dev.pollux.http.internal.codec.RequestHead;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Collects a request body from the parser's content regions. A body that arrives in one piece stays
 * a slice of the read buffer (no copy); only a body spread over reads is copied, into an array that
 * grows with the bytes received (doubling, from {@link #FIRST_BYTES}), never to the length a peer
 * declared: a {@code Content-Length: 1048576} followed by one byte holds a few KiB, not 1 MiB. The
 * parser bounds the total by the body limit.
 *
 * <p>Loop thread only.
 */
final class BodyAccumulator {

  /** The first array for a body spread over reads; a small body fits, a large one doubles. */
  static final int FIRST_BYTES = 4 * 1024;

  /** Above this the array is dropped at the next request: a large upload does not pin it. */
  private static final int KEEP_BYTES = 64 * 1024;

  private ByteBuffer borrowed;
  private byte[] bytes;
  private int length;
  private boolean any;

  void reset() {
    if (bytes != null && bytes.length > KEEP_BYTES) {
      bytes = null;
    }
    borrowed = null;
    length = 0;
    any = false;
  }

  /** Lets go of the array, for a connection that is done with bodies. */
  void release() {
    reset();
    bytes = null;
  }

  /**
   * Adds {@code count} body bytes at {@code offset} of {@code in}; {@code expected} is the declared
   * length (or {@link RequestHead#NO_LENGTH}), a cap on the array, never its size.
   */
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

  /** The bytes this accumulator holds of its own (its array), for the connection's accounting. */
  int heldBytes() {
    return bytes == null ? 0 : bytes.length;
  }

  /** The body, or null when there was none. */
  ByteBuffer body() {
    if (!any) {
      return null;
    }
    return borrowed != null ? borrowed : ByteBuffer.wrap(bytes, 0, length);
  }

  /** Room for {@code count} more bytes: doubling, at most the declared length when there is one. */
  private void ensure(int count, long expected) {
    int needed = length + count;
    if (bytes != null && needed <= bytes.length) {
      return;
    }
    long grown = bytes == null ? FIRST_BYTES : 2L * bytes.length;
    long cap = expected > 0 ? expected : Integer.MAX_VALUE - 8;
    int size = (int) Math.max(needed, Math.min(grown, cap));
    bytes = bytes == null ? new byte[size] : Arrays.copyOf(bytes, size);
  }
}
