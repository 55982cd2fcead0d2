package dev.pollux.loop;

import dev.pollux.loop.internal.NioListenSocket;
import dev.pollux.loop.internal.NioPoller;
import dev.pollux.loop.spi.ListenSocket;
import dev.pollux.loop.spi.Poller;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.spi.SelectorProvider;
import java.util.function.Supplier;

/**
 * The I/O model of the JDK's {@link java.nio.channels.Selector}: {@link #standard()} is the default
 * provider, on Linux epoll ({@code sun.nio.ch.EPollSelectorImpl}), level-triggered, with an eventfd
 * or pipe wake-up; {@link #poll()} is the JDK's poll(2) selector, which hands the kernel the whole
 * descriptor array on every wait and scans it back: O(n) per wake-up, kept so that the difference
 * can be measured.
 *
 * <p><b>Design.</b> Each transport keeps its own {@link SelectorProvider} and opens its selectors
 * and its channels from it, so {@code poll} runs beside {@code nio} in one process without the
 * global {@code java.nio.channels.spi.SelectorProvider} property. The poll provider's class is not
 * exported by {@code java.base}, so {@link #poll()} needs {@code --add-exports
 * java.base/sun.nio.ch=ALL-UNNAMED} (given by {@code bin/pollux}'s jar manifest and by the test
 * runs); without it, it still works when that property names the poll provider.
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

  /**
   * The JDK's poll(2) selector ({@code sun.nio.ch.PollSelectorProvider}); name {@code poll}.
   *
   * @throws UnsupportedOperationException naming the missing {@code --add-exports} when the
   *     provider cannot be reached
   */
  public static NioTransport poll() {
    return PollHolder.POLL.get();
  }

  /** The poll transport, made once on first use, or why it cannot be. */
  private static final class PollHolder {
    private static final String PROVIDER = "sun.nio.ch.PollSelectorProvider";
    private static final Supplier<NioTransport> POLL = make();

    private static Supplier<NioTransport> make() {
      SelectorProvider standard = SelectorProvider.provider();
      if (standard.getClass().getName().equals(PROVIDER)) {
        NioTransport transport = new NioTransport("poll", standard);
        return () -> transport;
      }
      try {
        SelectorProvider provider =
            Class.forName(PROVIDER)
                .asSubclass(SelectorProvider.class)
                .getConstructor()
                .newInstance();
        NioTransport transport = new NioTransport("poll", provider);
        return () -> transport;
      } catch (ReflectiveOperationException | RuntimeException e) {
        String why =
            "the poll transport needs "
                + PROVIDER
                + ": run java with --add-exports java.base/sun.nio.ch=ALL-UNNAMED ("
                + e
                + ")";
        return () -> {
          throw new UnsupportedOperationException(why, e);
        };
      }
    }
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
