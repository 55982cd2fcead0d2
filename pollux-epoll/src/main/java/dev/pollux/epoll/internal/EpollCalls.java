package dev.pollux.epoll.internal;

import java.lang.foreign.MemorySegment;
import java.lang.ref.Reference;

/**
 * Bindings of {@code sys/epoll.h} and {@code sys/eventfd.h}; each returns the call's result or
 * {@code -errno}. The event array's layout is {@link EpollEvent}'s.
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

  /** The kernel's {@code sizeof(sigset_t)} on 64-bit Linux: {@code epoll_pwait}'s last argument. */
  private static final long SIGSET_BYTES = 8;

  private EpollCalls() {}

  /** {@code int epoll_create1(int flags);} with {@code EPOLL_CLOEXEC}. */
  static int create() {
    MemorySegment state = Scratch.get().callState;
    return (int) Native.syscall(state, Syscall.EPOLL_CREATE1, EPOLL_CLOEXEC);
  }

  /**
   * {@code int epoll_ctl(int epfd, int op, int fd, struct epoll_event *event);}: {@code op} on
   * {@code fd} with one event (null for {@code EPOLL_CTL_DEL}).
   */
  static int control(int epfd, int op, int fd, MemorySegment event) {
    MemorySegment state = Scratch.get().callState;
    try {
      long pointer = Native.address(event); // 0 for MemorySegment.NULL
      return (int) Native.syscall(state, Syscall.EPOLL_CTL, epfd, op, fd, pointer);
    } finally {
      Reference.reachabilityFence(event);
    }
  }

  /**
   * {@code int epoll_wait(int epfd, struct epoll_event *events, int maxevents, int timeout);}, made
   * as {@code epoll_pwait} without a signal mask, as libc does: waits into {@code events}, as many
   * as fit in it.
   */
  static int await(int epfd, MemorySegment events, int timeoutMillis) {
    MemorySegment state = Scratch.get().callState;
    int max = (int) (events.byteSize() / EpollEvent.LAYOUT.byteSize());
    long pointer = Native.address(events);
    long sigmask = 0; // null: the loop's signal mask stays as it is
    try {
      return (int)
          Native.syscall(
              state, Syscall.EPOLL_PWAIT, epfd, pointer, max, timeoutMillis, sigmask, SIGSET_BYTES);
    } finally {
      Reference.reachabilityFence(events);
    }
  }

  /** {@code int eventfd(unsigned int initval, int flags);}: non-blocking, close-on-exec, at 0. */
  static int eventfd() {
    MemorySegment state = Scratch.get().callState;
    return (int) Native.syscall(state, Syscall.EVENTFD2, 0, EFD_NONBLOCK | EFD_CLOEXEC);
  }
}
