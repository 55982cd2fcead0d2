package dev.pollux.loop;

import dev.pollux.testing.net.Leaks;
import dev.pollux.testing.net.RawClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * The setting of every socket test: a group of two loops on {@link #transport()}, and after each
 * test its shutdown and the leak check (file descriptors back at their baseline, no {@code pollux-}
 * thread left). Every test class that extends it runs once per transport of {@link
 * Transports#names()} (all transports pass the same suite), unless it overrides {@link
 * #transport()} to run on one of its own.
 */
@ParameterizedClass(name = "[{0}]")
@ArgumentsSource(LoopTransports.class)
abstract class LoopFixture {

  static final InetSocketAddress ANY_LOOPBACK_PORT =
      new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

  /** A name of {@link Transports#names()}, given by {@link LoopTransports}. */
  @Parameter String transportName;

  private Leaks leaks;
  EventLoopGroup group;

  /** The transport under test. */
  Transport transport() {
    return Transports.byName(transportName);
  }

  @BeforeEach
  final void startGroup() {
    leaks = Leaks.snapshot("pollux-");
    group = configure(EventLoopGroup.builder(transport()).loops(2)).build();
  }

  /** The group's settings: two loops and the defaults, unless a test class changes them. */
  EventLoopGroup.Builder configure(EventLoopGroup.Builder builder) {
    return builder;
  }

  @AfterEach
  final void stopGroupAndCheckLeaks() {
    group.shutdownGracefully(Duration.ofSeconds(5));
    leaks.assertReleased();
  }

  /** A server builder on the group, bound to an ephemeral loopback port. */
  TcpServer.Builder server(ConnectionHandlerFactory handlers) {
    return TcpServer.builder().group(group).bind(ANY_LOOPBACK_PORT).handler(handlers);
  }

  static RawClient connect(TcpServer server) throws IOException {
    return RawClient.connect(server.localAddress().getPort());
  }
}
