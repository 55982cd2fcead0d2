package dev.pollux.epoll;

import dev.pollux.epoll.internal.Availability;
import dev.pollux.epoll.internal.EpollListenSocket;
import dev.pollux.epoll.internal.EpollPoller;
import dev.pollux.loop.Transport;
import dev.pollux.loop.spi.ListenSocket;
import dev.pollux.loop.spi.Poller;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Locale;

/**
 * The I/O model of direct epoll through the FFM API ({@code java.lang.foreign}), Linux on x86-64
 * and aarch64: {@code epoll_wait} into a reused native array, level-triggered unless asked for
 * edge-triggered (see {@link Trigger}); {@code accept4}; {@code read} into the loop's direct buffer
 * and {@code writev} of the queued buffers; an eventfd for wake-ups. Needs {@code
 * --enable-native-access=ALL-UNNAMED} (or the module's name). The module provides it to {@link
 * dev.pollux.loop.Transports} as {@code epoll}, which {@code Transports.auto()} prefers where it
 * can run:
 *
 * <pre>{@code
 * EventLoopGroup group = EventLoopGroup.create(Transports.auto().transport(), 4);
 * }</pre>
 *
 * <p>One listening socket per server, accepted on one loop which spreads the connections
 * round-robin, as the SPI's {@link ListenSocket} is per server; see the module's README for {@code
 * SO_REUSEPORT} per loop.
 */
public final class EpollTransport implements Transport {

  /** The system property {@link #create()} takes its {@link Trigger} from: {@code level|edge}. */
  public static final String TRIGGER_PROPERTY = "pollux.epoll.trigger";

  /** How {@code epoll_wait} reports a socket: while it is ready, or when it becomes ready. */
  public enum Trigger {
    /** While ready: the interest set lives in the epoll set ({@code epoll_ctl MOD} on a change). */
    LEVEL,
    /**
     * When it becomes ready ({@code EPOLLET}): each socket is added once, the poller remembers
     * readiness between edges and gives the loop the same level-triggered view.
     */
    EDGE;

    /**
     * {@code level} or {@code edge}, any case.
     *
     * @throws IllegalArgumentException naming the accepted values otherwise
     */
    public static Trigger parse(String name) {
      return switch (name.strip().toLowerCase(Locale.ROOT)) {
        case "level" -> LEVEL;
        case "edge" -> EDGE;
        default ->
            throw new IllegalArgumentException(
                TRIGGER_PROPERTY + " is '" + name + "': expected level or edge");
      };
    }
  }

  /** The property's value when the class was loaded: read once, like any launcher flag. */
  private static final String TRIGGER_NAME = System.getProperty(TRIGGER_PROPERTY, "level");

  private static final EpollTransport LEVEL = new EpollTransport(Trigger.LEVEL);
  private static final EpollTransport EDGE = new EpollTransport(Trigger.EDGE);

  private final Trigger trigger;

  private EpollTransport(Trigger trigger) {
    this.trigger = trigger;
  }

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
   * The transport, with the trigger of system property {@value #TRIGGER_PROPERTY} ({@code level}
   * when unset).
   *
   * @throws UnsupportedOperationException with {@link #unavailabilityReason()} when not available
   * @throws IllegalArgumentException when the property is neither {@code level} nor {@code edge}
   */
  public static EpollTransport create() {
    return create(Trigger.parse(TRIGGER_NAME));
  }

  /**
   * The transport with {@code trigger}, whatever the system property says.
   *
   * @throws UnsupportedOperationException with {@link #unavailabilityReason()} when not available
   */
  public static EpollTransport create(Trigger trigger) {
    if (!isAvailable()) {
      throw new UnsupportedOperationException(
          "the epoll transport is not available: " + unavailabilityReason());
    }
    return trigger == Trigger.EDGE ? EDGE : LEVEL;
  }

  /** The transport's trigger. */
  public Trigger trigger() {
    return trigger;
  }

  @Override
  public String name() {
    return "epoll";
  }

  @Override
  public Poller openPoller() throws IOException {
    return EpollPoller.open(trigger == Trigger.EDGE);
  }

  @Override
  public ListenSocket listen(InetSocketAddress address, int backlog) throws IOException {
    return EpollListenSocket.bind(address, backlog, false);
  }

  @Override
  public String toString() {
    return trigger == Trigger.EDGE ? name() + " (edge-triggered)" : name();
  }
}
