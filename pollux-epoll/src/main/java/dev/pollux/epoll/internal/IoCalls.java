package dev.pollux.epoll.internal;

import java.lang.foreign.MemorySegment;
import java.lang.ref.Reference;

/**
 * Bindings of the descriptor I/O of {@code unistd.h} and {@code sys/uio.h}; each returns the call's
 * result or {@code -errno}. Lengths always come from the segment passed, never from elsewhere, so
 * no call reads or writes outside it.
 */
final class IoCalls {

  private IoCalls() {}

  /** {@code ssize_t read(int fd, void *buf, size_t count);} into all of {@code buffer}. */
  static long read(int fd, MemorySegment buffer) {
    MemorySegment state = Scratch.get().callState;
    try {
      return Native.syscall(state, Syscall.READ, fd, Native.address(buffer), buffer.byteSize());
    } finally {
      Reference.reachabilityFence(buffer);
    }
  }

  /** {@code ssize_t write(int fd, const void *buf, size_t count);} of all of {@code buffer}. */
  static long write(int fd, MemorySegment buffer) {
    return write(fd, buffer, Scratch.get().callState);
  }

  /**
   * Writes all of {@code buffer}, with errno captured in {@code state} rather than in the calling
   * thread's {@link Scratch} (for a thread that only ever makes this call, such as a waker).
   */
  static long write(int fd, MemorySegment buffer, MemorySegment state) {
    try {
      return Native.syscall(state, Syscall.WRITE, fd, Native.address(buffer), buffer.byteSize());
    } finally {
      Reference.reachabilityFence(buffer);
    }
  }

  /**
   * {@code ssize_t writev(int fd, const struct iovec *iov, int iovcnt);} of the first {@code count}
   * iovecs of the scratch iovec array (filled by the caller).
   */
  static long writev(Scratch scratch, int fd, int count) {
    MemorySegment iovecs = scratch.iovecs.asSlice(0, count * Scratch.IOVEC_BYTES);
    return Native.syscall(scratch.callState, Syscall.WRITEV, fd, Native.address(iovecs), count);
  }

  /** {@code int close(int fd);} */
  static int close(int fd) {
    return (int) Native.syscall(Scratch.get().callState, Syscall.CLOSE, fd);
  }
}
