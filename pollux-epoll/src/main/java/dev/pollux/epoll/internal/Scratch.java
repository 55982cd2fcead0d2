package dev.pollux.epoll.internal;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;

/**
 * The native memory one thread's calls work in: the errno capture state, a socket address, option
 * values, the {@code iovec} array of a gather write and the staging buffer for heap buffers and
 * file copies. On a loop thread this is the loop's pool: allocated once, reused by every connection
 * of the loop, so that no call allocates native memory. Freed when the thread is gone.
 */
final class Scratch {

  /** {@code IOV_MAX} on Linux: iovecs per {@code writev} at most. */
  static final int IOV_MAX = 1024;

  /** {@code sizeof(struct iovec)} on LP64: {@code void *iov_base; size_t iov_len;}. */
  static final long IOVEC_BYTES = 16;

  /** The staging buffer's size: a write budget's worth of heap bytes per {@code writev}. */
  static final int STAGING_BYTES = 256 * 1024;

  private static final ThreadLocal<Scratch> CURRENT = new ThreadLocal<>();

  private final Arena arena = Arena.ofAuto();
  final MemorySegment callState = arena.allocate(Native.CALL_STATE);
  final MemorySegment sockaddr = arena.allocate(SockAddr.STORAGE_BYTES, 8);
  final MemorySegment socklen = arena.allocate(Native.C_INT);
  final MemorySegment option = arena.allocate(8, 8);
  final MemorySegment iovecs = arena.allocate(IOV_MAX * IOVEC_BYTES, 8);
  private MemorySegment staging; // allocated on first use: most threads never need it
  private ByteBuffer stagingBuffer;

  private Scratch() {}

  /** The current thread's scratch memory, made on its first call. */
  static Scratch get() {
    Scratch scratch = CURRENT.get();
    if (scratch == null) {
      scratch = new Scratch();
      CURRENT.set(scratch);
    }
    return scratch;
  }

  /** Whether the current thread has made its scratch memory (for tests). */
  static boolean madeForCurrentThread() {
    return CURRENT.get() != null;
  }

  /** The staging buffer ({@link #STAGING_BYTES}). */
  MemorySegment staging() {
    if (staging == null) {
      staging = arena.allocate(STAGING_BYTES, 8);
      stagingBuffer = staging.asByteBuffer();
    }
    return staging;
  }

  /** The staging buffer as a direct {@link ByteBuffer} over the same memory, cleared. */
  ByteBuffer stagingBuffer() {
    staging();
    return stagingBuffer.clear();
  }
}
