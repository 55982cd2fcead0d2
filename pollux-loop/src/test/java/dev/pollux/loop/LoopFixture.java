package dev.pollux.loop;

import dev.pollux.testing.net.Leaks;
import dev.pollux.testing.net.RawClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The setting of every socket test: a group of two loops on {@link #transport()} (a subclass per
 * transport runs the same suite on another one), and after each test its shutdown and the leak
 * check (file descriptors back at their baseline, no {@code pollux-} thread left).
 */
abstract class LoopFixture {

  static final InetSocketAddress ANY_LOOPBACK_PORT =
      new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

  private Leaks leaks;
  EventLoopGroup group;

  /** The transport under test. */
  Transport transport() {
    return NioTransport.standard();
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
