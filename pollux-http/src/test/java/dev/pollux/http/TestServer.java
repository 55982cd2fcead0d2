package dev.pollux.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pollux.loop.EventLoopGroup;
import dev.pollux.loop.Transport;
import dev.pollux.loop.Transports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;

/** An {@link HttpServer} on one loop of a given transport on 127.0.0.1, port 0, for one test. */
final class TestServer implements AutoCloseable {

  final EventLoopGroup group;
  final HttpServer server;
  private final List<String> baselineFds = openFileDescriptors();

  static {
    LoopbackWarmUp.run();
  }

  /**
   * Every transport of {@link Transports#names()}, for {@link OnEveryTransport}: pollux-loop's own
   * and pollux-epoll's {@code epoll} (on the test class path), the one {@code --io auto} picks.
   */
  static List<Transport> transports() {
    return Transports.names().stream().map(Transports::byName).toList();
  }

  TestServer(Transport transport, Handler handler) throws IOException {
    this(transport, handler, HttpServerOptions.defaults());
  }

  TestServer(Transport transport, Handler handler, HttpServerOptions options) throws IOException {
    group = EventLoopGroup.create(transport, 1);
    try {
      server =
          HttpServer.builder()
              .group(group)
              .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
              .handler(handler)
              .options(options)
              .start();
    } catch (IOException | RuntimeException e) {
      group.close();
      throw e;
    }
  }

  InetSocketAddress address() {
    return server.localAddress();
  }

  RawHttpClient client() throws IOException {
    return RawHttpClient.connect(address());
  }

  String url(String path) {
    return "http://127.0.0.1:" + address().getPort() + path;
  }

  /**
   * Stops the server and checks that nothing leaked: no connection left open, and the process's
   * file descriptors back at their count from before the server started.
   */
  @Override
  public void close() {
    server.close();
    group.shutdownGracefully(Duration.ofSeconds(2));
    assertThat(server.stats().openConnections()).as("connections open after shutdown").isZero();
    assertThat(server.stats().requestsInFlight()).as("requests in flight after shutdown").isZero();
    try {
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> openFileDescriptors().size() <= baselineFds.size());
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(
          "file descriptors after shutdown: " + openFileDescriptors() + ", before: " + baselineFds,
          e);
    }
  }

  /**
   * Open sockets, pipes and event descriptors (epoll, eventfd) of this process. Regular files are
   * left out: the class loader opens jars lazily, which is no leak of the server's.
   */
  private static List<String> openFileDescriptors() {
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      return fds.map(TestServer::socketLike).filter(Objects::nonNull).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list /proc/self/fd", e);
    }
  }

  /** {@code fd -> target} for a socket, pipe or anonymous inode, else null. */
  private static String socketLike(Path fd) {
    try {
      String target = Files.readSymbolicLink(fd).toString();
      boolean socketLike =
          target.startsWith("socket:")
              || target.startsWith("pipe:")
              || target.startsWith("anon_inode:");
      return socketLike ? fd.getFileName() + "->" + target : null;
    } catch (IOException e) {
      return null; // closed between the listing and the read: not open
    }
  }

  /**
   * The warm-up, in a class of its own: its lambdas run on other threads (the virtual reader,
   * Awaitility's poller) while {@link TestServer} is still being initialised.
   */
  private static final class LoopbackWarmUp {

    private LoopbackWarmUp() {}

    /**
     * Opens and closes one loopback connection with plain JDK sockets, so that descriptors the JDK
     * opens once per process on first use are in every baseline: the read blocks on a virtual
     * thread, which starts the JDK's pollers for virtual threads (the {@code virtual} transport
     * uses them).
     */
    static void run() {
      try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
          Socket client = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
          Socket accepted = listener.accept()) {
        Thread reader = Thread.ofVirtual().start(() -> readOneByte(accepted));
        await()
            .atMost(Duration.ofSeconds(20))
            .until(() -> reader.getState() == Thread.State.WAITING);
        client.getOutputStream().write(1);
        reader.join();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot warm up loopback sockets", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while warming up loopback sockets", e);
      }
    }

    private static void readOneByte(Socket socket) {
      try {
        assertThat(socket.getInputStream().read()).as("the warm-up byte").isEqualTo(1);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
