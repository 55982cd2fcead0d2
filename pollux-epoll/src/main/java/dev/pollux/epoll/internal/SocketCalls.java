package dev.pollux.epoll.internal;

import static dev.pollux.epoll.internal.Native.C_INT;

import java.lang.foreign.MemorySegment;
import java.lang.ref.Reference;

/**
 * Bindings of the socket calls ({@code sys/socket.h}, {@code netinet/in.h}, {@code netinet/tcp.h});
 * each returns the call's result or {@code -errno}. Constants are the Linux values, the same on
 * x86-64 and aarch64.
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

  private SocketCalls() {}

  /** {@code int socket(int domain, int type, int protocol);} */
  static int socket(int domain, int type, int protocol) {
    return (int) Native.syscall(Scratch.get().callState, Syscall.SOCKET, domain, type, protocol);
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

  /**
   * {@code int setsockopt(int fd, int level, int name, const void *value, socklen_t len);} with
   * {@code value} from the scratch option memory.
   */
  private static int setsockopt(
      MemorySegment state, int fd, int level, int name, MemorySegment value) {
    long pointer = Native.address(value);
    return (int)
        Native.syscall(state, Syscall.SETSOCKOPT, fd, level, name, pointer, value.byteSize(), 0);
  }

  /**
   * {@code int bind(int fd, const struct sockaddr *addr, socklen_t len);} to the first {@code
   * length} bytes of {@code address}.
   */
  static int bind(int fd, MemorySegment address, int length) {
    MemorySegment bounded = address.asSlice(0, length);
    try {
      long pointer = Native.address(bounded);
      return (int) Native.syscall(Scratch.get().callState, Syscall.BIND, fd, pointer, length);
    } finally {
      Reference.reachabilityFence(bounded);
    }
  }

  /** {@code int listen(int fd, int backlog);} */
  static int listen(int fd, int backlog) {
    return (int) Native.syscall(Scratch.get().callState, Syscall.LISTEN, fd, backlog);
  }

  /**
   * {@code int accept4(int fd, struct sockaddr *addr, socklen_t *len, int flags);} into the scratch
   * sockaddr (its length left in the scratch socklen), with {@code SOCK_NONBLOCK | SOCK_CLOEXEC};
   * the new descriptor or {@code -errno}.
   */
  static int accept4(Scratch scratch, int fd) {
    scratch.socklen.set(C_INT, 0, (int) scratch.sockaddr.byteSize());
    long address = Native.address(scratch.sockaddr);
    long length = Native.address(scratch.socklen);
    int flags = SOCK_NONBLOCK | SOCK_CLOEXEC;
    return (int) Native.syscall(scratch.callState, Syscall.ACCEPT4, fd, address, length, flags);
  }

  /**
   * {@code int getsockname(int fd, struct sockaddr *addr, socklen_t *len);}: the local address into
   * the scratch sockaddr (its length in the scratch socklen).
   */
  static int getsockname(Scratch scratch, int fd) {
    scratch.socklen.set(C_INT, 0, (int) scratch.sockaddr.byteSize());
    long address = Native.address(scratch.sockaddr);
    long length = Native.address(scratch.socklen);
    return (int) Native.syscall(scratch.callState, Syscall.GETSOCKNAME, fd, address, length);
  }

  /** {@code int shutdown(int fd, int how);} */
  static int shutdown(int fd, int how) {
    return (int) Native.syscall(Scratch.get().callState, Syscall.SHUTDOWN, fd, how);
  }
}
