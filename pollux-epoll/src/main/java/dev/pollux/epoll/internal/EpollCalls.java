package dev.pollux.epoll.internal;

import static dev.pollux.epoll.internal.Native.C_INT;
import static dev.pollux.epoll.internal.Native.C_POINTER;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * Bindings of {@code sys/epoll.h} and {@code sys/eventfd.h}; each returns the C result or {@code
 * -errno}. The event array's layout is {@link EpollEvent}'s.
 */
final class EpollCalls {

  static final int EPOLL_CLOEXEC = 0x80000; // O_CLOEXEC
  static final int EPOLL_CTL_ADD = 1;
  static final int EPOLL_CTL_DEL = 2;
  static final int EPOLL_CTL_MOD = 3;
  static final int EPOLLIN = 0x001;
  static final int EPOLLOUT = 0x004;
  static final int EPOLLERR = 0x008;
  static final int EPOLLHUP = 0x010;
  static final int EPOLLRDHUP = 0x2000; // the peer shut down writing (FIN)
  static final int EPOLLET = 1 << 31; // edge-triggered
  static final int EFD_NONBLOCK = 0x800; // O_NONBLOCK
  static final int EFD_CLOEXEC = 0x80000; // O_CLOEXEC

  /** {@code int epoll_create1(int flags);} */
  private static final MethodHandle EPOLL_CREATE1 = Native.downcall("epoll_create1", C_INT, C_INT);

  /** {@code int epoll_ctl(int epfd, int op, int fd, struct epoll_event *event);} */
  private static final MethodHandle EPOLL_CTL =
      Native.downcall("epoll_ctl", C_INT, C_INT, C_INT, C_INT, C_POINTER);

  /** {@code int epoll_wait(int epfd, struct epoll_event *events, int maxevents, int timeout);} */
  private static final MethodHandle EPOLL_WAIT =
      Native.downcall("epoll_wait", C_INT, C_INT, C_POINTER, C_INT, C_INT);

  /** {@code int eventfd(unsigned int initval, int flags);} */
  private static final MethodHandle EVENTFD = Native.downcall("eventfd", C_INT, C_INT, C_INT);

  private EpollCalls() {}

  static int create() {
    MemorySegment state = Scratch.get().callState;
    try {
      return Native.result((int) EPOLL_CREATE1.invokeExact(state, EPOLL_CLOEXEC), state);
    } catch (Throwable e) {
      throw Native.failed("epoll_create1", e);
    }
  }

  /** {@code op} on {@code fd} with one event (null for {@code EPOLL_CTL_DEL}). */
  static int control(int epfd, int op, int fd, MemorySegment event) {
    MemorySegment state = Scratch.get().callState;
    try {
      return Native.result((int) EPOLL_CTL.invokeExact(state, epfd, op, fd, event), state);
    } catch (Throwable e) {
      throw Native.failed("epoll_ctl", e);
    }
  }

  /** Waits into {@code events}, as many as fit in it. */
  static int await(int epfd, MemorySegment events, int timeoutMillis) {
    MemorySegment state = Scratch.get().callState;
    int max = (int) (events.byteSize() / EpollEvent.LAYOUT.byteSize());
    try {
      return Native.result(
          (int) EPOLL_WAIT.invokeExact(state, epfd, events, max, timeoutMillis), state);
    } catch (Throwable e) {
      throw Native.failed("epoll_wait", e);
    }
  }

  /** A non-blocking, close-on-exec eventfd with counter 0. */
  static int eventfd() {
    MemorySegment state = Scratch.get().callState;
    try {
      return Native.result((int) EVENTFD.invokeExact(state, 0, EFD_NONBLOCK | EFD_CLOEXEC), state);
    } catch (Throwable e) {
      throw Native.failed("eventfd", e);
    }
  }
}
