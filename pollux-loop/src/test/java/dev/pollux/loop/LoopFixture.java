package dev.pollux.loop;

import dev.pollux.testing.net.Leaks;
import dev.pollux.testing.net.RawClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The setting of every socket test: a group of two loops on {@link #transport()}, and after each
 * test its shutdown and the leak check (file descriptors back at their baseline, no {@code pollux-}
 * thread left). Every test class that extends it runs once per transport of {@link
 * Transports#names()}: all transports pass the same suite.
 */
@ParameterizedClass(name = "[{0}]")
@MethodSource("dev.pollux.loop.LoopFixture#transports")
abstract class LoopFixture {

  static final InetSocketAddress ANY_LOOPBACK_PORT =
      new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

  @Parameter Transport transport;

  private Leaks leaks;
  EventLoopGroup group;

  static List<Transport> transports() {
    return Transports.names().stream().map(Transports::byName).toList();
  }

  /** The transport under test. */
  Transport transport() {
    return transport;
  }

  @BeforeEach
  final void startGroup() {
    leaks = Leaks.snapshot("pollux-");
    group = EventLoopGroup.create(transport(), 2);
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
