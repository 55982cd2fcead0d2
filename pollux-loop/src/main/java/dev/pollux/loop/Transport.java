package dev.pollux.loop;

import dev.pollux.loop.spi.ListenSocket;
import dev.pollux.loop.spi.Poller;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * An I/O model: how the loops reach the OS. Implementations: {@link NioTransport#standard()} (the
 * JDK's {@code Selector}, epoll on Linux), {@link NioTransport#poll()} (the JDK's poll(2)
 * selector), {@link BlockingTransport#threads()} and {@link BlockingTransport#virtual()} (blocking
 * sockets on platform or virtual threads), all by name through {@link Transports#byName}; and the
 * FFM epoll one of module {@code pollux-epoll}. Connections, handlers and the TCP server never see
 * which one runs: they use only the SPI of {@link dev.pollux.loop.spi}, described there.
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
