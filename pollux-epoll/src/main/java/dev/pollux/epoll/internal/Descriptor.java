package dev.pollux.epoll.internal;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * An open file descriptor, closed exactly once. A descriptor number is reused by the kernel as soon
 * as it is closed, so a second {@code close} — or a read or write after the first — could hit
 * another socket or file of the process: every use checks {@link #open} first.
 */
final class Descriptor {

  final int fd;
  private final AtomicBoolean closed = new AtomicBoolean();

  Descriptor(int fd) {
    if (fd < 0) {
      throw new IllegalArgumentException("fd < 0: " + fd);
    }
    this.fd = fd;
  }

  /** The descriptor number, for a call about to be made; throws once closed. */
  int open() throws ClosedChannelException {
    if (closed.get()) {
      throw new ClosedChannelException();
    }
    return fd;
  }

  boolean isOpen() {
    return !closed.get();
  }

  /**
   * Closes the descriptor on the first call; later calls do nothing. {@code subject} names the
   * socket in the error, and is asked for only then: a connection's close builds no message.
   */
  void close(Supplier<String> subject) throws IOException {
    if (closed.compareAndSet(false, true)) {
      // close(2): even when it fails (EINTR, EIO) the descriptor is released; never retry.
      int result = IoCalls.close(fd);
      if (result < 0) {
        throw new ErrnoException("close", fd, subject.get(), -result);
      }
    }
  }

  @Override
  public String toString() {
    return "fd " + fd;
  }
}
