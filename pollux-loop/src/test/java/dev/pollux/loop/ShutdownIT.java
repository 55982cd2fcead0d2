package dev.pollux.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pollux.loop.examples.EchoServer;
import dev.pollux.testing.net.Leaks;
import dev.pollux.testing.net.RawClient;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ShutdownIT extends LoopFixture {

  @Test
  void queuedOutputIsFlushedWithinTheGracePeriod() throws Exception {
    int size = 4 * 1024 * 1024;
    TcpServer server =
        server(
                connection ->
                    new ConnectionHandler() {
                      @Override
                      public void onData(Connection connection, ByteBuffer data) {
                        byte[] bytes = new byte[size];
                        Arrays.fill(bytes, (byte) 'z');
                        connection.write(ByteBuffer.wrap(bytes));
                      }
                    })
            .start();
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
        RawClient client = connect(server)) {
      client.write("go\n");
      assertThat(client.readBytes(1)).containsExactly('z');
      Future<?> shutdown = threads.submit(() -> group.shutdownGracefully(Duration.ofSeconds(20)));
      byte[] rest = client.readToEnd();
      assertThat(rest.length).as("bytes after the first, then end of stream").isEqualTo(size - 1);
      shutdown.get(30, TimeUnit.SECONDS);
    }
    assertThat(Leaks.threads("pollux-")).isEmpty();
  }

  @Test
  void connectionsStillOpenAfterTheGracePeriodAreAborted() throws Exception {
    CompletableFuture<Throwable> closed = new CompletableFuture<>();
    TcpServer server =
        server(
                connection ->
                    new ConnectionHandler() {
                      @Override
                      public void onData(Connection connection, ByteBuffer data) {
                        connection.write(ByteBuffer.wrap(new byte[] {'!'}));
                      }

                      @Override
                      public void onShutdown(Connection connection) {
                        // Keeps the connection open: the grace period must end it.
                      }

                      @Override
                      public void onClosed(Connection connection, Throwable cause) {
                        closed.complete(cause);
                      }
                    })
            .start();
    try (RawClient client = connect(server)) {
      client.write("x");
      assertThat(client.readBytes(1)).containsExactly('!');
      long start = System.nanoTime();
      group.shutdownGracefully(Duration.ofMillis(300));
      assertThat(System.nanoTime() - start)
          .as("nanos shutdownGracefully(300 ms) took")
          .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(300));
      assertThat(closed.get(1, TimeUnit.SECONDS)).isInstanceOf(IOException.class);
      assertThat(client.awaitClosed()).isTrue();
    }
    assertThat(Leaks.threads("pollux-")).isEmpty();
  }

  @Test
  void closingTheServerStopsAcceptingButKeepsItsConnections() throws Exception {
    TcpServer server = EchoServer.start(group, ANY_LOOPBACK_PORT);
    InetSocketAddress address = server.localAddress();
    try (RawClient client = connect(server)) {
      client.write("before\n");
      assertThat(client.readLine()).isEqualTo("before");
      server.close();
      server.close();
      assertThatThrownBy(() -> RawClient.connect(address.getPort()).close())
          .as("connect after TcpServer.close()")
          .isInstanceOf(ConnectException.class);
      client.write("after\n");
      assertThat(client.readLine()).as("an open connection after close()").isEqualTo("after");
    }
  }

  @Test
  void aClosedServerReleasesItsPortForANewOne() throws Exception {
    TcpServer first = EchoServer.start(group, ANY_LOOPBACK_PORT);
    InetSocketAddress address = first.localAddress();
    first.close();
    TcpServer second = EchoServer.start(group, address);
    try (RawClient client = connect(second)) {
      client.write("again\n");
      assertThat(client.readLine()).isEqualTo("again");
    }
  }
}
