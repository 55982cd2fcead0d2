package dev.pollux.epoll.internal;

import static dev.pollux.epoll.internal.Native.C_INT;
import static dev.pollux.epoll.internal.Native.C_LONG;
import static dev.pollux.epoll.internal.Native.C_POINTER;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * Bindings of libc's descriptor I/O ({@code unistd.h}, {@code sys/uio.h}); each returns the C
 * result or {@code -errno}. Lengths always come from the segment passed, never from elsewhere, so
 * no call reads or writes outside it.
 */
final class IoCalls {

  /** {@code ssize_t read(int fd, void *buf, size_t count);} */
  private static final MethodHandle READ =
      Native.downcall("read", C_LONG, C_INT, C_POINTER, C_LONG);

  /** {@code ssize_t write(int fd, const void *buf, size_t count);} */
  private static final MethodHandle WRITE =
      Native.downcall("write", C_LONG, C_INT, C_POINTER, C_LONG);

  /** {@code ssize_t writev(int fd, const struct iovec *iov, int iovcnt);} */
  private static final MethodHandle WRITEV =
      Native.downcall("writev", C_LONG, C_INT, C_POINTER, C_INT);

  /** {@code int close(int fd);} */
  private static final MethodHandle CLOSE = Native.downcall("close", C_INT, C_INT);

  private IoCalls() {}

  /** Reads into all of {@code buffer}. */
  static long read(int fd, MemorySegment buffer) {
    MemorySegment state = Scratch.get().callState;
    try {
      return Native.result((long) READ.invokeExact(state, fd, buffer, buffer.byteSize()), state);
    } catch (Throwable e) {
      throw Native.failed("read", e);
    }
  }

  /** Writes all of {@code buffer}. */
  static long write(int fd, MemorySegment buffer) {
    return write(fd, buffer, Scratch.get().callState);
  }

  /**
   * Writes all of {@code buffer}, with errno captured in {@code state} rather than in the calling
   * thread's {@link Scratch} (for a thread that only ever makes this call, such as a waker).
   */
  static long write(int fd, MemorySegment buffer, MemorySegment state) {
    try {
      return Native.result((long) WRITE.invokeExact(state, fd, buffer, buffer.byteSize()), state);
    } catch (Throwable e) {
      throw Native.failed("write", e);
    }
  }

  /** Writes the first {@code count} iovecs of the scratch iovec array (filled by the caller). */
  static long writev(Scratch scratch, int fd, int count) {
    MemorySegment state = scratch.callState;
    MemorySegment iovecs = scratch.iovecs.asSlice(0, count * Scratch.IOVEC_BYTES);
    try {
      return Native.result((long) WRITEV.invokeExact(state, fd, iovecs, count), state);
    } catch (Throwable e) {
      throw Native.failed("writev", e);
    }
  }

  static int close(int fd) {
    MemorySegment state = Scratch.get().callState;
    try {
      return Native.result((int) CLOSE.invokeExact(state, fd), state);
    } catch (Throwable e) {
      throw Native.failed("close", e);
    }
  }
}
