package dev.pollux.epoll;

import dev.pollux.epoll.internal.Availability;
import dev.pollux.epoll.internal.EpollListenSocket;
import dev.pollux.epoll.internal.EpollPoller;
import dev.pollux.loop.Transport;
import dev.pollux.loop.spi.ListenSocket;
import dev.pollux.loop.spi.Poller;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * The I/O model of direct epoll through the FFM API ({@code java.lang.foreign}), Linux on x86-64
 * and aarch64: {@code epoll_wait} into a reused native array, level-triggered; {@code accept4};
 * {@code read} into the loop's direct buffer and {@code writev} of the queued buffers; an eventfd
 * for wake-ups. Needs {@code --enable-native-access=ALL-UNNAMED} (or the module's name). For
 * example:
 *
 * <pre>{@code
 * Transport transport = EpollTransport.isAvailable()
 *     ? EpollTransport.create()
 *     : NioTransport.standard();
 * EventLoopGroup group = EventLoopGroup.create(transport, 4);
 * }</pre>
 *
 * <p>One listening socket per server, accepted on one loop which spreads the connections
 * round-robin, as the SPI's {@link ListenSocket} is per server; see the module's README for {@code
 * SO_REUSEPORT} per loop.
 */
public final class EpollTransport implements Transport {

  private static final EpollTransport INSTANCE = new EpollTransport();

  private EpollTransport() {}

  /** Whether the transport can run here: Linux, x86-64 or aarch64, native access enabled. */
  public static boolean isAvailable() {
    return Availability.reason().isEmpty();
  }

  /**
   * Why {@link #isAvailable()} is false, e.g. {@code "epoll is Linux only; this is Mac OS X"};
   * empty when it is true. Never throws.
   */
  public static String unavailabilityReason() {
    return Availability.reason();
  }

  /**
   * The transport.
   *
   * @throws UnsupportedOperationException with {@link #unavailabilityReason()} when not available
   */
  public static EpollTransport create() {
    if (!isAvailable()) {
      throw new UnsupportedOperationException(
          "the epoll transport is not available: " + unavailabilityReason());
    }
    return INSTANCE;
  }

  @Override
  public String name() {
    return "epoll";
  }

  @Override
  public Poller openPoller() throws IOException {
    return EpollPoller.open();
  }

  @Override
  public ListenSocket listen(InetSocketAddress address, int backlog) throws IOException {
    return EpollListenSocket.bind(address, backlog, false);
  }

  @Override
  public String toString() {
    return name();
  }
}
