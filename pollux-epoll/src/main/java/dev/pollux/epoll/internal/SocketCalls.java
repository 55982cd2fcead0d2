package dev.pollux.epoll.internal;

import static dev.pollux.epoll.internal.Native.C_INT;
import static dev.pollux.epoll.internal.Native.C_POINTER;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * Bindings of libc's socket calls ({@code sys/socket.h}, {@code netinet/in.h}, {@code
 * netinet/tcp.h}); each returns the C result or {@code -errno}. Constants are the Linux values, the
 * same on x86-64 and aarch64.
 */
final class SocketCalls {

  static final int AF_INET = 2;
  static final int AF_INET6 = 10;
  static final int SOCK_STREAM = 1;
  static final int SOCK_NONBLOCK = 0x800; // O_NONBLOCK, 04000
  static final int SOCK_CLOEXEC = 0x80000; // O_CLOEXEC, 02000000
  static final int SOL_SOCKET = 1;
  static final int SO_REUSEADDR = 2;
  static final int SO_SNDBUF = 7;
  static final int SO_LINGER = 13;
  static final int SO_REUSEPORT = 15;
  static final int IPPROTO_TCP = 6;
  static final int TCP_NODELAY = 1;
  static final int IPPROTO_IPV6 = 41;
  static final int IPV6_V6ONLY = 26;
  static final int SHUT_WR = 1;

  /** {@code int socket(int domain, int type, int protocol);} */
  private static final MethodHandle SOCKET = Native.downcall("socket", C_INT, C_INT, C_INT, C_INT);

  /** {@code int setsockopt(int fd, int level, int name, const void *value, socklen_t len);} */
  private static final MethodHandle SETSOCKOPT =
      Native.downcall("setsockopt", C_INT, C_INT, C_INT, C_INT, C_POINTER, C_INT);

  /** {@code int bind(int fd, const struct sockaddr *addr, socklen_t len);} */
  private static final MethodHandle BIND = Native.downcall("bind", C_INT, C_INT, C_POINTER, C_INT);

  /** {@code int listen(int fd, int backlog);} */
  private static final MethodHandle LISTEN = Native.downcall("listen", C_INT, C_INT, C_INT);

  /** {@code int accept4(int fd, struct sockaddr *addr, socklen_t *len, int flags);} */
  private static final MethodHandle ACCEPT4 =
      Native.downcall("accept4", C_INT, C_INT, C_POINTER, C_POINTER, C_INT);

  /** {@code int getsockname(int fd, struct sockaddr *addr, socklen_t *len);} */
  private static final MethodHandle GETSOCKNAME =
      Native.downcall("getsockname", C_INT, C_INT, C_POINTER, C_POINTER);

  /** {@code int shutdown(int fd, int how);} */
  private static final MethodHandle SHUTDOWN = Native.downcall("shutdown", C_INT, C_INT, C_INT);

  private SocketCalls() {}

  static int socket(int domain, int type, int protocol) {
    MemorySegment state = Scratch.get().callState;
    try {
      return Native.result((int) SOCKET.invokeExact(state, domain, type, protocol), state);
    } catch (Throwable e) {
      throw Native.failed("socket", e);
    }
  }

  /** Sets an {@code int} option, e.g. {@code SO_REUSEADDR} to 1. */
  static int setIntOption(int fd, int level, int name, int value) {
    Scratch scratch = Scratch.get();
    MemorySegment option = scratch.option.asSlice(0, C_INT.byteSize());
    option.set(C_INT, 0, value);
    return setsockopt(scratch.callState, fd, level, name, option);
  }

  /** Sets {@code SO_LINGER} to {@code struct linger { int l_onoff; int l_linger; }} = {1, 0}. */
  static int lingerZero(int fd) {
    Scratch scratch = Scratch.get();
    MemorySegment linger = scratch.option.asSlice(0, 2 * C_INT.byteSize());
    linger.set(C_INT, 0, 1);
    linger.set(C_INT, C_INT.byteSize(), 0);
    return setsockopt(scratch.callState, fd, SOL_SOCKET, SO_LINGER, linger);
  }

  private static int setsockopt(
      MemorySegment state, int fd, int level, int name, MemorySegment value) {
    try {
      int length = (int) value.byteSize();
      return Native.result(
          (int) SETSOCKOPT.invokeExact(state, fd, level, name, value, length), state);
    } catch (Throwable e) {
      throw Native.failed("setsockopt", e);
    }
  }

  /** Binds to the first {@code length} bytes of {@code address}, a sockaddr. */
  static int bind(int fd, MemorySegment address, int length) {
    MemorySegment state = Scratch.get().callState;
    MemorySegment bounded = address.asSlice(0, length);
    try {
      return Native.result((int) BIND.invokeExact(state, fd, bounded, length), state);
    } catch (Throwable e) {
      throw Native.failed("bind", e);
    }
  }

  static int listen(int fd, int backlog) {
    MemorySegment state = Scratch.get().callState;
    try {
      return Native.result((int) LISTEN.invokeExact(state, fd, backlog), state);
    } catch (Throwable e) {
      throw Native.failed("listen", e);
    }
  }

  /**
   * Accepts into the scratch sockaddr (its length left in the scratch socklen), with {@code
   * SOCK_NONBLOCK | SOCK_CLOEXEC}; the new descriptor or {@code -errno}.
   */
  static int accept4(Scratch scratch, int fd) {
    MemorySegment state = scratch.callState;
    scratch.socklen.set(C_INT, 0, (int) scratch.sockaddr.byteSize());
    try {
      int flags = SOCK_NONBLOCK | SOCK_CLOEXEC;
      return Native.result(
          (int) ACCEPT4.invokeExact(state, fd, scratch.sockaddr, scratch.socklen, flags), state);
    } catch (Throwable e) {
      throw Native.failed("accept4", e);
    }
  }

  /** The local address into the scratch sockaddr (its length in the scratch socklen). */
  static int getsockname(Scratch scratch, int fd) {
    MemorySegment state = scratch.callState;
    scratch.socklen.set(C_INT, 0, (int) scratch.sockaddr.byteSize());
    try {
      return Native.result(
          (int) GETSOCKNAME.invokeExact(state, fd, scratch.sockaddr, scratch.socklen), state);
    } catch (Throwable e) {
      throw Native.failed("getsockname", e);
    }
  }

  static int shutdown(int fd, int how) {
    MemorySegment state = Scratch.get().callState;
    try {
      return Native.result((int) SHUTDOWN.invokeExact(state, fd, how), state);
    } catch (Throwable e) {
      throw Native.failed("shutdown", e);
    }
  }

  /**
   * Links every socket binding (this class's initialisation) and checks one call: shutdown of fd -1
   * fails with EBADF. For {@link Availability}, which runs it on a thread of its own.
   */
  static boolean linked() {
    return shutdown(-1, SHUT_WR) == -Errno.EBADF;
  }
}
