package dev.pollux.epoll.internal;

import java.io.IOException;

/**
 * A system call of the epoll transport failed: the message names the call, the descriptor, what it
 * was for and the error, e.g. {@code "read(fd 12) from 127.0.0.1:51234: ECONNRESET (Connection
 * reset by peer)"}; {@code "out of file descriptors"} leads the message of EMFILE and ENFILE.
 */
public final class ErrnoException extends IOException {

  private static final long serialVersionUID = 1L;

  private final String call;
  private final int errno;

  public ErrnoException(String call, int fd, String subject, int errno) {
    super(message(call, fd, subject, errno));
    this.call = call;
    this.errno = errno;
  }

  static String message(String call, int fd, String subject, int errno) {
    String lead =
        (errno == Errno.EMFILE || errno == Errno.ENFILE) ? "out of file descriptors: " : "";
    String on = subject.isEmpty() ? "" : " " + subject;
    return lead
        + call
        + "(fd "
        + fd
        + ")"
        + on
        + ": "
        + Errno.name(errno)
        + " ("
        + Native.strerror(errno)
        + ")";
  }

  /** The failed call, e.g. {@code read}. */
  public String call() {
    return call;
  }

  /** The {@code errno} it failed with. */
  public int errno() {
    return errno;
  }

  /** Whether the peer is gone (reset, broken pipe): an expected disconnect. */
  public boolean peerGone() {
    return Errno.peerGone(errno);
  }
}
