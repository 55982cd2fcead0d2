package dev.pollux.loop.spi;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** A connected, non-blocking TCP socket: reads, vectored writes, file transfer, half-close. */
public interface StreamSocket extends Pollable, Closeable {

  /** The peer's address. */
  InetSocketAddress remoteAddress();

  /** The local address. */
  InetSocketAddress localAddress();

  /**
   * Reads into {@code dst}; returns the number of bytes read, 0 when nothing is available, -1 at
   * end of stream. A reset surfaces as an {@link IOException}.
   */
  int read(ByteBuffer dst) throws IOException;

  /** Writes from {@code srcs[offset, offset + length)} in one vectored call (writev). */
  long write(ByteBuffer[] srcs, int offset, int length) throws IOException;

  /**
   * Sends up to {@code count} bytes of {@code file} from {@code position}, zero-copy where the
   * transport can; returns the bytes sent, 0 when the socket's buffer is full.
   */
  long transferFrom(FileChannel file, long position, long count) throws IOException;

  /** Sends FIN; reading goes on. */
  void shutdownOutput() throws IOException;

  /** Closes with SO_LINGER 0, so that the peer sees a reset and no TIME_WAIT is left here. */
  void abort() throws IOException;

  /** Closes in order (FIN after anything already written). */
  @Override
  void close() throws IOException;
}
