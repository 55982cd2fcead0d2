package dev.pollux.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** IdleConnections against a tiny blocking HTTP server that answers one request per connection. */
class IdleConnectionsIT {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  private TinyServer server;

  @AfterEach
  void stopServer() throws IOException {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void holdsEveryConnectionServedFromSeveralSourceAddresses() throws Exception {
    server = new TinyServer("200 OK");
    try (IdleConnections holder = IdleConnections.open(options(server.port(), 30, 10))) {
      assertThat(holder.held()).as("held() after open(30 connections)").isEqualTo(30);
      assertThat(holder.failed()).as("failed(); first failure: %s", holder.firstFailure()).isZero();

      await().atMost(WAIT).until(() -> server.accepted.size() == 30);
      Map<String, Long> perSource =
          server.accepted.stream()
              .collect(Collectors.groupingBy(Accepted::source, Collectors.counting()));
      assertThat(perSource)
          .as("connections per source address")
          .containsOnly(
              Map.entry("127.0.0.2", 10L),
              Map.entry("127.0.0.3", 10L),
              Map.entry("127.0.0.4", 10L));
      assertThat(server.accepted)
          .extracting(Accepted::requestLine)
          .as("the request of each connection")
          .containsOnly("GET /plaintext HTTP/1.1");
    }
  }

  @Test
  void countsTheConnectionsTheServerClosesAndLeavesNoDescriptorOpen() throws Exception {
    long descriptorsBefore = openDescriptors();
    server = new TinyServer("200 OK");
    IdleConnections holder = IdleConnections.open(options(server.port(), 10, 5));
    Thread hold = Thread.ofVirtual().start(() -> holdQuietly(holder));

    server.closeConnections(3);

    await().atMost(WAIT).until(holder::closedByServer, n -> n == 3);
    assertThat(holder.held()).as("held() after the server closed 3 of 10").isEqualTo(7);
    holder.stop();
    assertThat(hold.join(WAIT)).as("the hold returned after stop()").isTrue();
    holder.close();
    server.close();
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(openDescriptors())
                    .as("open descriptors after close, before the test: %d", descriptorsBefore)
                    .isLessThanOrEqualTo(descriptorsBefore));
  }

  @Test
  void countsAConnectionAnsweredWithAnErrorAsFailed() throws Exception {
    server = new TinyServer("503 Service Unavailable");
    try (IdleConnections holder = IdleConnections.open(options(server.port(), 4, 10))) {
      assertThat(holder.held()).as("held() when every answer is 503").isZero();
      assertThat(holder.failed()).as("failed()").isEqualTo(4);
      assertThat(holder.firstFailure()).contains("503");
    }
  }

  @Test
  void countsEveryConnectionAsFailedWhenNothingListens() throws Exception {
    int port;
    try (ServerSocket closed = new ServerSocket(0, 1, LOOPBACK)) {
      port = closed.getLocalPort();
    }
    try (IdleConnections holder = IdleConnections.open(options(port, 5, 10))) {
      assertThat(holder.held()).as("held() with nothing on port %d", port).isZero();
      assertThat(holder.failed()).isEqualTo(5);
      assertThat(holder.firstFailure()).containsIgnoringCase("refused");
    }
  }

  private static IdleOptions options(int port, int connections, int perSource) {
    return new IdleOptions(
        new InetSocketAddress(LOOPBACK, port),
        InetAddress.ofLiteral("127.0.0.2"),
        perSource,
        connections,
        4,
        "/plaintext",
        WAIT);
  }

  private static void holdQuietly(IdleConnections holder) {
    try {
      holder.holdUntilStopped();
    } catch (IOException e) {
      throw new IllegalStateException("holdUntilStopped failed", e);
    }
  }

  private static long openDescriptors() throws IOException {
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      return fds.count();
    }
  }

  /** A connection the tiny server accepted: its peer's address and its request line. */
  private record Accepted(Socket socket, String source, String requestLine) {}

  /** Answers the first request of each connection with {@code status}, then keeps it open. */
  private static final class TinyServer implements AutoCloseable {
    private final ServerSocket listener = new ServerSocket(0, 256, LOOPBACK);
    private final ConcurrentLinkedQueue<Accepted> accepted = new ConcurrentLinkedQueue<>();
    private final byte[] response;

    TinyServer(String status) throws IOException {
      String body = status.startsWith("200") ? "Hello, World!" : "";
      this.response =
          ("HTTP/1.1 " + status + "\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)
              .getBytes(StandardCharsets.US_ASCII);
      Thread.ofVirtual().start(this::acceptLoop);
    }

    int port() {
      return listener.getLocalPort();
    }

    void closeConnections(int count) throws IOException {
      await().atMost(WAIT).until(() -> accepted.size() >= count);
      List<Accepted> some = accepted.stream().limit(count).toList();
      for (Accepted a : some) {
        a.socket().close();
      }
    }

    private void acceptLoop() {
      while (!listener.isClosed()) {
        try {
          Socket socket = listener.accept();
          Thread.ofVirtual().start(() -> serve(socket));
        } catch (IOException e) {
          return; // closed by close()
        }
      }
    }

    private void serve(Socket socket) {
      try {
        socket.setSoTimeout((int) TimeUnit.SECONDS.toMillis(30));
        String head = readHead(socket.getInputStream());
        Function<String, String> firstLine = h -> h.substring(0, h.indexOf('\r'));
        socket.getOutputStream().write(response);
        accepted.add(
            new Accepted(socket, socket.getInetAddress().getHostAddress(), firstLine.apply(head)));
      } catch (IOException e) {
        closeQuietly(socket);
      }
    }

    private static String readHead(InputStream in) throws IOException {
      StringBuilder head = new StringBuilder();
      while (head.length() < 4 || !head.substring(head.length() - 4).equals("\r\n\r\n")) {
        int b = in.read();
        if (b < 0) {
          throw new IOException("the client closed before its request ended: " + head);
        }
        head.append((char) b);
      }
      return head.toString();
    }

    private static void closeQuietly(Socket socket) {
      try {
        socket.close();
      } catch (IOException e) {
        throw new IllegalStateException("closing a test socket failed", e);
      }
    }

    @Override
    public void close() throws IOException {
      listener.close();
      for (Accepted a : accepted) {
        a.socket().close();
      }
    }
  }
}
