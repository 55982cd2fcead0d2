package dev.pollux.epoll.internal;

import dev.pollux.loop.HostPort;
import dev.pollux.loop.spi.ListenSocket;
import dev.pollux.loop.spi.StreamSocket;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;

/**
 * A listening, non-blocking TCP socket of the epoll transport. {@link #accept} uses {@code accept4}
 * with {@code SOCK_NONBLOCK | SOCK_CLOEXEC}, so that a new socket needs no second call to become
 * non-blocking, and takes the peer's address from the same call.
 */
public final class EpollListenSocket implements ListenSocket, FdSocket {

  private final Descriptor descriptor;
  private final InetSocketAddress localAddress;
  private final String subject;
  private final Readiness readiness = new Readiness();

  private EpollListenSocket(Descriptor descriptor, InetSocketAddress localAddress) {
    this.descriptor = descriptor;
    this.localAddress = localAddress;
    this.subject = "on listener " + HostPort.of(localAddress);
  }

  /**
   * Opens, binds and listens, with {@code SO_REUSEADDR}, and {@code SO_REUSEPORT} when {@code
   * reusePort} (several sockets of the process, e.g. one per loop, may then share the port and the
   * kernel spreads connections over them). An IPv6 socket also takes IPv4 (IPV6_V6ONLY off).
   *
   * @throws BindException like {@code "cannot listen on 127.0.0.1:9000: bind(fd 7): EADDRINUSE
   *     (Address already in use)"}
   */
  public static EpollListenSocket bind(InetSocketAddress address, int backlog, boolean reusePort)
      throws IOException {
    int family = SockAddr.family(address);
    int flags = SocketCalls.SOCK_STREAM | SocketCalls.SOCK_NONBLOCK | SocketCalls.SOCK_CLOEXEC;
    int fd = SocketCalls.socket(family, flags, 0);
    if (fd < 0) {
      throw cannotListen(address, new ErrnoException("socket", -1, "", -fd));
    }
    Descriptor descriptor = new Descriptor(fd);
    try {
      int reuseAddress =
          SocketCalls.setIntOption(fd, SocketCalls.SOL_SOCKET, SocketCalls.SO_REUSEADDR, 1);
      check(fd, "setsockopt SO_REUSEADDR", reuseAddress);
      if (reusePort) {
        check(fd, "setsockopt SO_REUSEPORT", reusePort(fd));
      }
      if (family == SocketCalls.AF_INET6) {
        int v6only =
            SocketCalls.setIntOption(fd, SocketCalls.IPPROTO_IPV6, SocketCalls.IPV6_V6ONLY, 0);
        check(fd, "setsockopt IPV6_V6ONLY", v6only);
      }
      Scratch scratch = Scratch.get();
      int length = SockAddr.write(scratch.sockaddr, address);
      check(fd, "bind", SocketCalls.bind(fd, scratch.sockaddr, length));
      check(fd, "listen", SocketCalls.listen(fd, backlog));
      return new EpollListenSocket(descriptor, localAddress(fd, ""));
    } catch (IOException e) {
      descriptor.close(() -> "");
      throw cannotListen(address, e);
    }
  }

  private static int reusePort(int fd) {
    return SocketCalls.setIntOption(fd, SocketCalls.SOL_SOCKET, SocketCalls.SO_REUSEPORT, 1);
  }

  private static BindException cannotListen(InetSocketAddress address, IOException cause) {
    BindException bind =
        new BindException("cannot listen on " + HostPort.of(address) + ": " + cause.getMessage());
    bind.initCause(cause);
    return bind;
  }

  private static void check(int fd, String call, int result) throws ErrnoException {
    if (result < 0) {
      throw new ErrnoException(call, fd, "", -result);
    }
  }

  /** The local address of socket {@code fd}, by {@code getsockname}. */
  static InetSocketAddress localAddress(int fd, String subject) throws ErrnoException {
    Scratch scratch = Scratch.get();
    int result = SocketCalls.getsockname(scratch, fd);
    if (result < 0) {
      throw new ErrnoException("getsockname", fd, subject, -result);
    }
    return SockAddr.read(scratch.sockaddr, scratch.socklen.get(Native.C_INT, 0));
  }

  @Override
  public Descriptor descriptor() {
    return descriptor;
  }

  @Override
  public Readiness readiness() {
    return readiness;
  }

  @Override
  public InetSocketAddress localAddress() {
    return localAddress;
  }

  /**
   * Accepts one pending connection, or returns {@code null} when none is pending. A connection that
   * failed while pending (ECONNABORTED, EPROTO and the like) is skipped, as accept(2) advises.
   *
   * @throws ErrnoException for EMFILE or ENFILE with a message starting "out of file descriptors";
   *     the caller pauses accepting rather than spinning on the still-readable listener
   */
  @Override
  public StreamSocket accept() throws IOException {
    int listenFd = descriptor.open();
    Scratch scratch = Scratch.get();
    while (true) {
      int fd = SocketCalls.accept4(scratch, listenFd);
      if (fd >= 0) {
        return connected(scratch, fd);
      }
      if (fd == -Errno.EAGAIN) {
        readiness.readDrained();
        return null;
      }
      if (!Errno.acceptRetry(-fd)) {
        throw new ErrnoException("accept4", listenFd, subject, -fd);
      }
    }
  }

  private StreamSocket connected(Scratch scratch, int fd) throws IOException {
    Descriptor accepted = new Descriptor(fd);
    try {
      InetSocketAddress remote =
          SockAddr.read(scratch.sockaddr, scratch.socklen.get(Native.C_INT, 0));
      InetSocketAddress local = localAddress(fd, subject);
      // Small responses go out at once; the loop already gathers them into one write.
      SocketCalls.setIntOption(fd, SocketCalls.IPPROTO_TCP, SocketCalls.TCP_NODELAY, 1);
      SocketCalls.setIntOption(
          fd, SocketCalls.SOL_SOCKET, SocketCalls.SO_SNDBUF, ACCEPTED_SEND_BUFFER_BYTES);
      return new EpollStreamSocket(accepted, remote, local);
    } catch (IOException | RuntimeException e) {
      accepted.close(() -> subject);
      throw e;
    }
  }

  @Override
  public void close() throws IOException {
    descriptor.close(() -> subject);
  }

  @Override
  public String toString() {
    return "listener " + HostPort.of(localAddress);
  }
}
