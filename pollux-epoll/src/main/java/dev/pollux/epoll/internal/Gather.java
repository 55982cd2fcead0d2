package dev.pollux.epoll.internal;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;

/**
 * One {@code writev}'s worth of buffers in the thread's {@code struct iovec} array:
 *
 * <pre>
 * struct iovec { void *iov_base; size_t iov_len; };
 * </pre>
 *
 * A direct buffer is written in place (its address from {@link MemorySegment#ofBuffer}, its length
 * its remaining bytes); a heap buffer is first copied into the staging buffer, as far as that has
 * room. The buffers' positions move only by what the kernel took ({@link #consume}).
 */
final class Gather {

  private static final ValueLayout.OfLong WORD = ValueLayout.JAVA_LONG;

  private final Scratch scratch;
  private final ByteBuffer[] srcs;
  private final int end;
  private int count;
  private long bytes;

  Gather(Scratch scratch, ByteBuffer[] srcs, int end) {
    this.scratch = scratch;
    this.srcs = srcs;
    this.end = end;
  }

  /**
   * Fills the iovecs from {@code srcs[from]} on, skipping empty buffers; returns the index of the
   * first buffer included.
   */
  int fill(int from) {
    count = 0;
    bytes = 0;
    int first = from;
    while (first < end && !srcs[first].hasRemaining()) {
      first++;
    }
    MemorySegment iovecs = scratch.iovecs;
    long staged = 0;
    for (int i = first; i < end && count < Scratch.IOV_MAX; i++) {
      ByteBuffer buffer = srcs[i];
      MemorySegment source = MemorySegment.ofBuffer(buffer);
      if (!buffer.isDirect()) {
        MemorySegment staging = scratch.staging();
        long room = staging.byteSize() - staged;
        if (room == 0) {
          break;
        }
        long length = Math.min(room, source.byteSize());
        MemorySegment copy = staging.asSlice(staged, length).copyFrom(source.asSlice(0, length));
        staged += length;
        source = copy;
      }
      iovecs.set(WORD, count * Scratch.IOVEC_BYTES, source.address());
      iovecs.set(WORD, count * Scratch.IOVEC_BYTES + 8, source.byteSize());
      count++;
      bytes += source.byteSize();
      if (source.byteSize() < buffer.remaining()) {
        break; // a heap buffer only partly staged: nothing after it may go first
      }
    }
    return first;
  }

  /** The iovecs filled. */
  int count() {
    return count;
  }

  /** The bytes they offer. */
  long bytes() {
    return bytes;
  }

  /** Moves the positions past {@code written} bytes from {@code srcs[from]}; the next index. */
  int consume(int from, long written) {
    long left = written;
    int i = from;
    while (i < end && left > 0) {
      ByteBuffer buffer = srcs[i];
      int step = (int) Math.min(left, buffer.remaining());
      buffer.position(buffer.position() + step);
      left -= step;
      if (!buffer.hasRemaining()) {
        i++;
      }
    }
    return i;
  }
}
