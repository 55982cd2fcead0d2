package dev.pollux.loop;

import dev.pollux.loop.internal.NioListenSocket;
import dev.pollux.loop.internal.NioPoller;
import dev.pollux.loop.spi.ListenSocket;
import dev.pollux.loop.spi.Poller;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.spi.SelectorProvider;

/**
 * The I/O model of the JDK's {@link java.nio.channels.Selector}: on Linux the default provider is
 * epoll ({@code sun.nio.ch.EPollSelectorImpl}), level-triggered, with an eventfd or pipe wake-up.
 */
public final class NioTransport implements Transport {

  private static final NioTransport STANDARD = new NioTransport("nio", SelectorProvider.provider());

  private final String name;
  private final SelectorProvider provider;

  private NioTransport(String name, SelectorProvider provider) {
    this.name = name;
    this.provider = provider;
  }

  /** The JDK's default {@link SelectorProvider} (epoll on Linux); name {@code nio}. */
  public static NioTransport standard() {
    return STANDARD;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Poller openPoller() throws IOException {
    return new NioPoller(provider.openSelector());
  }

  @Override
  public ListenSocket listen(InetSocketAddress address, int backlog) throws IOException {
    return NioListenSocket.bind(provider, address, backlog);
  }

  @Override
  public String toString() {
    return name;
  }
}
