package dev.pollux.loop;

import dev.pollux.loop.spi.ListenSocket;
import dev.pollux.loop.spi.Poller;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * An I/O model: how the loops reach the OS. Implementations: {@link NioTransport} (the JDK's {@code
 * Selector}); poll, blocking threads and virtual threads, and the FFM epoll one of module {@code
 * pollux-epoll} come later. Connections, handlers and the TCP server never see which one runs: they
 * use only the SPI of {@link dev.pollux.loop.spi}, described there.
 */
public interface Transport {

  /** The model's name as {@code --io} spells it, e.g. {@code nio}; also in thread names. */
  String name();

  /** Opens the poller of one loop. */
  Poller openPoller() throws IOException;

  /**
   * Binds a non-blocking listening socket to {@code address} with the given accept backlog.
   *
   * @throws java.net.BindException naming the address and port when it cannot bind
   */
  ListenSocket listen(InetSocketAddress address, int backlog) throws IOException;
}
