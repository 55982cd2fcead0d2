package dev.pollux.epoll.internal;

/**
 * The {@code errno} values the transport decides on ({@code asm-generic/errno-base.h} and {@code
 * errno.h}; the same numbers on x86-64 and aarch64), and what each means to it.
 */
public final class Errno {

  public static final int EINTR = 4;
  public static final int EBADF = 9;
  public static final int EAGAIN = 11;
  public static final int ENOMEM = 12;
  public static final int EINVAL = 22;
  public static final int ENFILE = 23;
  public static final int EMFILE = 24;
  public static final int EPIPE = 32;
  public static final int EPROTO = 71;
  public static final int EADDRINUSE = 98;
  public static final int ENETDOWN = 100;
  public static final int ENETUNREACH = 101;
  public static final int ECONNABORTED = 103;
  public static final int ECONNRESET = 104;
  public static final int ENOBUFS = 105;
  public static final int ENOTCONN = 107;
  public static final int ETIMEDOUT = 110;
  public static final int EHOSTUNREACH = 113;

  private Errno() {}

  /** The symbolic name, e.g. {@code ECONNRESET}, or {@code errno 77} for one not listed here. */
  public static String name(int errno) {
    return switch (errno) {
      case EINTR -> "EINTR";
      case EBADF -> "EBADF";
      case EAGAIN -> "EAGAIN";
      case ENOMEM -> "ENOMEM";
      case EINVAL -> "EINVAL";
      case ENFILE -> "ENFILE";
      case EMFILE -> "EMFILE";
      case EPIPE -> "EPIPE";
      case EPROTO -> "EPROTO";
      case EADDRINUSE -> "EADDRINUSE";
      case ENETDOWN -> "ENETDOWN";
      case ENETUNREACH -> "ENETUNREACH";
      case ECONNABORTED -> "ECONNABORTED";
      case ECONNRESET -> "ECONNRESET";
      case ENOBUFS -> "ENOBUFS";
      case ENOTCONN -> "ENOTCONN";
      case ETIMEDOUT -> "ETIMEDOUT";
      case EHOSTUNREACH -> "EHOSTUNREACH";
      default -> "errno " + errno;
    };
  }

  /** The peer is gone: reset, broken pipe, timed out or unreachable. An expected disconnect. */
  public static boolean peerGone(int errno) {
    return switch (errno) {
      case ECONNRESET, EPIPE, ENOTCONN, ETIMEDOUT, EHOSTUNREACH, ENETUNREACH -> true;
      default -> false;
    };
  }

  /** The process or the system is out of descriptors or socket memory: back off, do not spin. */
  public static boolean outOfResources(int errno) {
    return switch (errno) {
      case EMFILE, ENFILE, ENOBUFS, ENOMEM -> true;
      default -> false;
    };
  }

  /**
   * A pending connection failed before {@code accept4} took it; accept(2) asks to retry as for
   * EAGAIN, since the error belongs to that connection, not to the listener.
   */
  public static boolean acceptRetry(int errno) {
    return switch (errno) {
      case EINTR, ECONNABORTED, EPROTO, ENETDOWN, ENETUNREACH, EHOSTUNREACH -> true;
      default -> false;
    };
  }
}
