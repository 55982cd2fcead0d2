package dev.pollux.loop.spi;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;

/** A bound, listening, non-blocking TCP socket. */
public interface ListenSocket extends Pollable, Closeable {

  /** The bound address, with the real port when port 0 was asked. */
  InetSocketAddress localAddress();

  /**
   * Accepts one pending connection, already non-blocking, or returns {@code null} when none is
   * pending.
   */
  StreamSocket accept() throws IOException;
}
