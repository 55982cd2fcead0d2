package dev.pollux.epoll.internal;

import dev.pollux.loop.HostPort;
import dev.pollux.loop.spi.StreamSocket;
import java.io.EOFException;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.ref.Reference;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.nio.channels.FileChannel;
import java.util.Objects;

/**
 * A connected, non-blocking TCP socket of the epoll transport, on a raw descriptor.
 *
 * <p>Reads go straight into the caller's direct buffer (its memory, as a segment from {@link
 * MemorySegment#ofBuffer}, bounded by its position and limit); a heap buffer is read through the
 * thread's staging buffer. Writes gather up to {@code IOV_MAX} buffers into one {@code writev}:
 * direct buffers by address, heap buffers copied into the staging buffer first. File regions are
 * copied through the staging buffer too: {@code sendfile} needs the file's descriptor, which a
 * {@link FileChannel} does not give out.
 */
final class EpollStreamSocket implements StreamSocket, FdSocket {

  private final Descriptor descriptor;
  private final InetSocketAddress remoteAddress;
  private final InetSocketAddress localAddress;
  private final Readiness readiness = new Readiness();

  EpollStreamSocket(
      Descriptor descriptor, InetSocketAddress remoteAddress, InetSocketAddress localAddress) {
    this.descriptor = descriptor;
    this.remoteAddress = remoteAddress;
    this.localAddress = localAddress;
  }

  /** The peer, for an error's message: made only when one is thrown, not kept per connection. */
  private String subject() {
    return "with " + HostPort.of(remoteAddress);
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
  public InetSocketAddress remoteAddress() {
    return remoteAddress;
  }

  @Override
  public InetSocketAddress localAddress() {
    return localAddress;
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    if (dst.isReadOnly()) {
      throw new ReadOnlyBufferException();
    }
    int fd = descriptor.open();
    if (!dst.hasRemaining()) {
      return 0;
    }
    if (dst.isDirect()) {
      int n = read(fd, MemorySegment.ofBuffer(dst));
      if (n > 0) {
        dst.position(dst.position() + n);
      }
      return n;
    }
    MemorySegment staging = Scratch.get().staging();
    int n = read(fd, staging.asSlice(0, Math.min(dst.remaining(), staging.byteSize())));
    if (n > 0) {
      dst.put(staging.asSlice(0, n).asByteBuffer());
    }
    return n;
  }

  /**
   * Reads into all of {@code into}: the bytes read, 0 when it would block, -1 at end of stream. A
   * short read drained the socket as surely as EAGAIN (bytes that arrive later make a new edge),
   * unless the peer's FIN is behind them: see {@link Readiness#shortRead()}.
   */
  private int read(int fd, MemorySegment into) throws IOException {
    while (true) {
      long n = IoCalls.read(fd, into);
      if (n > 0) {
        if (n < into.byteSize()) {
          readiness.shortRead();
        }
        return (int) n;
      }
      if (n == 0) {
        return -1;
      }
      if (n == -Errno.EAGAIN) {
        readiness.readDrained();
        return 0;
      }
      if (n != -Errno.EINTR) {
        throw new ErrnoException("read", fd, subject(), (int) -n);
      }
    }
  }

  @Override
  public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
    Objects.checkFromIndexSize(offset, length, srcs.length);
    int fd = descriptor.open();
    Scratch scratch = Scratch.get();
    Gather gather = new Gather(scratch, srcs, offset + length);
    int next = offset;
    long total = 0;
    while (true) {
      next = gather.fill(next);
      if (gather.bytes() == 0) {
        return total;
      }
      long n;
      try {
        n = IoCalls.writev(scratch, fd, gather.count());
      } finally {
        // The iovecs hold raw addresses: keep the direct buffers (and their memory) alive.
        Reference.reachabilityFence(srcs);
      }
      if (n == -Errno.EINTR) {
        continue;
      }
      if (n == -Errno.EAGAIN) {
        readiness.writeFull();
        return total;
      }
      if (n < 0) {
        throw new ErrnoException("writev", fd, subject(), (int) -n);
      }
      next = gather.consume(next, n);
      total += n;
      if (n < gather.bytes()) {
        // The send buffer is full (a non-blocking TCP write is short for no other reason).
        readiness.writeFull();
        return total;
      }
    }
  }

  @Override
  public long transferFrom(FileChannel file, long position, long count) throws IOException {
    int fd = descriptor.open();
    Scratch scratch = Scratch.get();
    ByteBuffer stage = scratch.stagingBuffer();
    stage.limit((int) Math.min(count, stage.capacity()));
    int read = file.read(stage, position);
    if (read < 0) {
      throw new EOFException(
          "file ended at " + position + " with " + count + " bytes left to send");
    }
    MemorySegment chunk = scratch.staging().asSlice(0, read);
    while (true) {
      long n = IoCalls.write(fd, chunk);
      if (n >= 0) {
        if (n < chunk.byteSize()) {
          readiness.writeFull();
        }
        return n;
      }
      if (n == -Errno.EAGAIN) {
        readiness.writeFull();
        return 0;
      }
      if (n != -Errno.EINTR) {
        throw new ErrnoException("write", fd, subject(), (int) -n);
      }
    }
  }

  @Override
  public void shutdownOutput() throws IOException {
    int fd = descriptor.open();
    int result = SocketCalls.shutdown(fd, SocketCalls.SHUT_WR);
    if (result < 0) {
      throw new ErrnoException("shutdown", fd, subject(), -result);
    }
  }

  @Override
  public void abort() throws IOException {
    if (descriptor.isOpen()) {
      // Best effort: a socket the peer already reset may refuse the option; close it anyway.
      SocketCalls.lingerZero(descriptor.fd);
    }
    descriptor.close(this::subject);
  }

  @Override
  public void close() throws IOException {
    descriptor.close(this::subject);
  }

  @Override
  public String toString() {
    return HostPort.of(remoteAddress);
  }
}
