package dev.pollux.loop.spi;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;

/** A bound, listening, non-blocking TCP socket. */
public interface ListenSocket extends Pollable, Closeable {

  /**
   * The send buffer every transport sets on an accepted socket ({@code SO_SNDBUF}; Linux doubles it
   * for its own bookkeeping). Left to itself the kernel grows a send buffer up to {@code
   * tcp_wmem}'s maximum (4 MiB on most systems) for a peer that has stopped reading: kernel memory
   * per connection without a bound, and minutes before the connection's own queue, which the
   * watermarks and stream stall timers watch, sees anything wait. 64 KiB still fills a LAN link.
   */
  int ACCEPTED_SEND_BUFFER_BYTES = 64 * 1024;

  /** The bound address, with the real port when port 0 was asked. */
  InetSocketAddress localAddress();

  /**
   * Accepts one pending connection, already non-blocking, or returns {@code null} when none is
   * pending.
   */
  StreamSocket accept() throws IOException;
}
