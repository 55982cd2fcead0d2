package dev.pollux.gpio.internal;

import static dev.pollux.gpio.internal.Native.C_INT;
import static dev.pollux.gpio.internal.Native.C_LONG;
import static dev.pollux.gpio.internal.Native.C_POINTER;

import dev.pollux.gpio.GpioException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * Bindings of the libc calls the GPIO character device needs: {@code open}, {@code ioctl}, {@code
 * read}, {@code poll}, {@code eventfd}, {@code write}, {@code close}. Each returns the C result or
 * {@code -errno}, and takes the segment (of {@link Native#CALL_STATE}) that receives {@code errno}.
 * Lengths always come from the segment passed, never from elsewhere.
 */
final class GpioCalls {

  static final int O_RDWR = 02;
  static final int O_CLOEXEC = 02000000;
  static final int EFD_CLOEXEC = 02000000;
  static final short POLLIN = 0x001;

  /**
   * {@code struct pollfd { int fd; short events; short revents; };} (8 bytes on every Linux ABI).
   */
  static final StructLayout POLLFD =
      MemoryLayout.structLayout(
          ValueLayout.JAVA_INT.withName("fd"),
          ValueLayout.JAVA_SHORT.withName("events"),
          ValueLayout.JAVA_SHORT.withName("revents"));

  /** {@code int open(const char *pathname, int flags, ...);} — called without a mode. */
  private static final MethodHandle OPEN =
      Native.downcall("open", FunctionDescriptor.of(C_INT, C_POINTER, C_INT));

  /**
   * {@code int ioctl(int fd, unsigned long request, ...);} — variadic: the third argument, a
   * pointer to the struct of the request, is passed as a variadic one.
   */
  private static final MethodHandle IOCTL =
      Native.downcall(
          "ioctl",
          FunctionDescriptor.of(C_INT, C_INT, C_LONG, C_POINTER),
          Native.firstVariadicArg(2));

  /** {@code ssize_t read(int fd, void *buf, size_t count);} */
  private static final MethodHandle READ =
      Native.downcall("read", FunctionDescriptor.of(C_LONG, C_INT, C_POINTER, C_LONG));

  /** {@code ssize_t write(int fd, const void *buf, size_t count);} */
  private static final MethodHandle WRITE =
      Native.downcall("write", FunctionDescriptor.of(C_LONG, C_INT, C_POINTER, C_LONG));

  /** {@code int poll(struct pollfd *fds, nfds_t nfds, int timeout);} */
  private static final MethodHandle POLL =
      Native.downcall("poll", FunctionDescriptor.of(C_INT, C_POINTER, C_LONG, C_INT));

  /** {@code int eventfd(unsigned int initval, int flags);} */
  private static final MethodHandle EVENTFD =
      Native.downcall("eventfd", FunctionDescriptor.of(C_INT, C_INT, C_INT));

  /** {@code int close(int fd);} */
  private static final MethodHandle CLOSE =
      Native.downcall("close", FunctionDescriptor.of(C_INT, C_INT));

  private GpioCalls() {}

  /** Opens {@code path} (a NUL-terminated string) read-write, close-on-exec. */
  static int open(MemorySegment state, MemorySegment path) {
    try {
      return Native.result((int) OPEN.invokeExact(state, path, O_RDWR | O_CLOEXEC), state);
    } catch (Throwable e) {
      throw Native.failed("open", e);
    }
  }

  /** {@code ioctl(fd, request, argument)}. */
  static int ioctl(MemorySegment state, int fd, long request, MemorySegment argument) {
    try {
      return Native.result((int) IOCTL.invokeExact(state, fd, request, argument), state);
    } catch (Throwable e) {
      throw Native.failed("ioctl", e);
    }
  }

  /**
   * {@code ioctl(fd, request, argument)}, retried when a signal interrupts it.
   *
   * @throws GpioException naming {@code call}, {@code subject} and the errno when it fails
   */
  static void ioctl(
      Arena arena, int fd, String call, long request, MemorySegment argument, String subject)
      throws GpioException {
    MemorySegment state = arena.allocate(Native.CALL_STATE);
    int result;
    do {
      result = ioctl(state, fd, request, argument);
    } while (result == -GpioException.EINTR);
    if (result < 0) {
      throw new GpioException(describe(call, subject, -result), -result);
    }
  }

  /** Reads into all of {@code buffer}. */
  static long read(MemorySegment state, int fd, MemorySegment buffer) {
    try {
      return Native.result((long) READ.invokeExact(state, fd, buffer, buffer.byteSize()), state);
    } catch (Throwable e) {
      throw Native.failed("read", e);
    }
  }

  /** Writes all of {@code buffer}. */
  static long write(MemorySegment state, int fd, MemorySegment buffer) {
    try {
      return Native.result((long) WRITE.invokeExact(state, fd, buffer, buffer.byteSize()), state);
    } catch (Throwable e) {
      throw Native.failed("write", e);
    }
  }

  /** Polls every {@link #POLLFD} of {@code fds}; {@code timeoutMillis} -1 waits for ever. */
  static int poll(MemorySegment state, MemorySegment fds, int timeoutMillis) {
    long count = fds.byteSize() / POLLFD.byteSize();
    try {
      return Native.result((int) POLL.invokeExact(state, fds, count, timeoutMillis), state);
    } catch (Throwable e) {
      throw Native.failed("poll", e);
    }
  }

  /** A blocking, close-on-exec eventfd with counter 0. */
  static int eventfd(MemorySegment state) {
    try {
      return Native.result((int) EVENTFD.invokeExact(state, 0, EFD_CLOEXEC), state);
    } catch (Throwable e) {
      throw Native.failed("eventfd", e);
    }
  }

  static int close(MemorySegment state, int fd) {
    try {
      return Native.result((int) CLOSE.invokeExact(state, fd), state);
    } catch (Throwable e) {
      throw Native.failed("close", e);
    }
  }

  /** The message of a failed call: {@code "GPIO_V2_GET_LINE_IOCTL on /dev/gpiochip0: EBUSY"}. */
  static String describe(String call, String subject, int errno) {
    return call
        + " on "
        + subject
        + ": "
        + GpioException.name(errno)
        + " ("
        + Native.strerror(errno)
        + ")";
  }
}
