package dev.pollux.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pollux.loop.examples.EchoServer;
import dev.pollux.testing.net.Leaks;
import dev.pollux.testing.net.RawClient;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EchoServerIT extends LoopFixture {

  private TcpServer echo() throws Exception {
    return EchoServer.start(group, ANY_LOOPBACK_PORT);
  }

  @Test
  void echoesLinesOnAnEphemeralPort() throws Exception {
    TcpServer server = echo();
    assertThat(server.localAddress().getPort())
        .as("localAddress() after bind to port 0")
        .isPositive();
    try (RawClient client = RawClient.connect(server.localAddress().getPort())) {
      client.write("hello\r\nwor").write("ld\n");
      assertThat(client.readLine()).isEqualTo("hello");
      assertThat(client.readLine()).isEqualTo("world");
    }
  }

  @Test
  void bindToAPortInUseNamesAddressAndPort() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();
      assertThatThrownBy(
              () ->
                  EchoServer.start(
                      group, new InetSocketAddress(InetAddress.getLoopbackAddress(), port)))
          .isInstanceOf(BindException.class)
          .hasMessageContaining("127.0.0.1:" + port);
    }
  }

  @Test
  void shutdownWithClientsConnectedEndsTheLoopThreads() throws Exception {
    TcpServer server = echo();
    try (RawClient a = RawClient.connect(server.localAddress().getPort());
        RawClient b = RawClient.connect(server.localAddress().getPort())) {
      a.write("one\n");
      assertThat(a.readLine()).isEqualTo("one");
      b.write("two\n");
      assertThat(b.readLine()).isEqualTo("two");
      group.shutdownGracefully(Duration.ofSeconds(5));
      assertThat(a.awaitClosed()).as("client a closed by shutdown").isTrue();
      assertThat(b.awaitClosed()).as("client b closed by shutdown").isTrue();
      assertThat(Leaks.threads("pollux-")).as("loop threads after shutdownGracefully").isEmpty();
    }
  }
}
