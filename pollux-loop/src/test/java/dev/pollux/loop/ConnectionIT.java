package dev.pollux.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pollux.loop.examples.EchoServer;
import dev.pollux.testing.net.RawClient;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectionIT extends LoopFixture {

  private static final Duration WAIT = Duration.ofSeconds(10);

  /** Echoes lines; "boom" throws; "big N" writes N bytes; records how its connection ended. */
  private static final class TestHandler implements ConnectionHandler, LineCodec.Listener {
    final CompletableFuture<Throwable> closed = new CompletableFuture<>();
    private final Connection connection;
    private final LineCodec codec = new LineCodec(1024, this);

    TestHandler(Connection connection) {
      this.connection = connection;
    }

    @Override
    public void onData(Connection connection, ByteBuffer data) {
      codec.decode(data);
    }

    @Override
    public void onLine(String line) {
      if (line.equals("boom")) {
        throw new IllegalStateException("the handler failed on purpose");
      }
      if (line.startsWith("big ")) {
        byte[] bytes = new byte[Integer.parseInt(line.substring(4))];
        Arrays.fill(bytes, (byte) 'b');
        connection.write(ByteBuffer.wrap(bytes));
        return;
      }
      connection.write(ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public void onLineTooLong() {
      connection.close();
    }

    @Override
    public void onClosed(Connection connection, Throwable cause) {
      closed.complete(cause);
    }
  }

  /** The handlers of the test server by the client's port. */
  private final Map<Integer, TestHandler> handlers = new ConcurrentHashMap<>();

  private TcpServer testServer() throws IOException {
    return server(
            connection -> {
              TestHandler handler = new TestHandler(connection);
              handlers.put(connection.remoteAddress().getPort(), handler);
              return handler;
            })
        .start();
  }

  private TestHandler handlerOf(RawClient client) {
    int port = client.socket().getLocalPort();
    return await("the handler of the connection from port " + port)
        .atMost(WAIT)
        .until(() -> handlers.get(port), Objects::nonNull);
  }

  @Test
  void halfClosedClientStillReceivesEveryReply() throws Exception {
    TcpServer server = EchoServer.start(group, ANY_LOOPBACK_PORT);
    try (RawClient client = connect(server)) {
      client.write("one\ntwo\r\nthree\n");
      client.shutdownOutput();
      assertThat(client.readToEndAsString())
          .as("replies after shutdownOutput(), then end of stream")
          .isEqualTo("one\ntwo\nthree\n");
    }
  }

  @Test
  void aResetByThePeerClosesTheConnectionWithItsCause() throws Exception {
    try (WarningLog log = WarningLog.capture()) {
      resetByThePeer();
      assertThat(log.records).as("warnings logged for an expected disconnect").isEmpty();
    }
  }

  private void resetByThePeer() throws Exception {
    TcpServer server = testServer();
    RawClient client = connect(server);
    client.write("hello\n");
    assertThat(client.readLine()).isEqualTo("hello");
    TestHandler handler = handlerOf(client);
    client.reset();
    Throwable cause = handler.closed.get(10, TimeUnit.SECONDS);
    // A reset seen by a read is an IOException; if the read found EOF first it is an orderly close.
    assertThat(cause == null || cause instanceof IOException)
        .as("onClosed cause after a client reset: %s", cause)
        .isTrue();
    await().atMost(WAIT).until(() -> server.stats().openConnections() == 0);
  }

  @Test
  void idleConnectionsAreClosed() throws Exception {
    TcpServer server = server(EchoServer.handlers()).idleTimeout(Duration.ofMillis(200)).start();
    try (RawClient client = connect(server)) {
      long start = System.nanoTime();
      client.write("ping\n");
      assertThat(client.readLine()).isEqualTo("ping");
      assertThat(client.awaitClosed()).as("closed after the idle timeout").isTrue();
      assertThat(System.nanoTime() - start)
          .as("nanos from the last activity to the close")
          .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(200));
    }
  }

  @Test
  void connectionsOverTheMaximumGetTheRefusalAndAreCounted() throws Exception {
    TcpServer server =
        server(EchoServer.handlers())
            .maxConnections(2)
            .refusal("ERR busy\n".getBytes(StandardCharsets.US_ASCII))
            .start();
    RawClient a = connect(server);
    try (RawClient b = connect(server)) {
      a.write("a\n");
      b.write("b\n");
      assertThat(a.readLine()).isEqualTo("a");
      assertThat(b.readLine()).isEqualTo("b");
      try (RawClient refused = connect(server)) {
        assertThat(refused.readToEndAsString()).as("third connection").isEqualTo("ERR busy\n");
      }
      assertThat(server.stats().refused()).as("refused count").isEqualTo(1);
      assertThat(server.stats().accepted()).as("accepted count").isEqualTo(2);
      a.close();
      await().atMost(WAIT).until(() -> server.stats().openConnections() == 1);
      try (RawClient c = connect(server)) {
        c.write("c\n");
        assertThat(c.readLine()).as("a connection once one closed").isEqualTo("c");
      }
    }
  }

  @Test
  void anOverlongLineGetsAnErrorAndAClose() throws Exception {
    TcpServer server = EchoServer.start(group, ANY_LOOPBACK_PORT);
    try (RawClient client = connect(server)) {
      client.write("fine\n");
      assertThat(client.readLine()).isEqualTo("fine");
      client.write("x".repeat(EchoServer.MAX_LINE_BYTES + 1));
      assertThat(client.readToEndAsString()).isEqualTo("ERR line too long\n");
    }
  }

  @Test
  void aLineOfExactlyTheMaximumIsEchoed() throws Exception {
    TcpServer server = EchoServer.start(group, ANY_LOOPBACK_PORT);
    try (RawClient client = connect(server)) {
      String line = "y".repeat(EchoServer.MAX_LINE_BYTES);
      client.write(line + "\r\n");
      assertThat(client.readLine()).isEqualTo(line);
    }
  }

  @Test
  void aHandlerThatThrowsLosesOnlyItsOwnConnection() throws Exception {
    try (WarningLog log = WarningLog.capture()) {
      handlerThatThrows(log.records);
    }
  }

  private void handlerThatThrows(List<LogRecord> warnings) throws Exception {
    TcpServer server = testServer();
    try (RawClient healthy = connect(server)) {
      healthy.write("before\n");
      assertThat(healthy.readLine()).isEqualTo("before");
      try (RawClient failing = connect(server)) {
        failing.write("hi\n");
        assertThat(failing.readLine()).isEqualTo("hi");
        TestHandler failingHandler = handlerOf(failing);
        failing.write("boom\n");
        assertThat(failing.awaitClosed()).as("connection whose handler threw").isTrue();
        assertThat(failingHandler.closed.get(10, TimeUnit.SECONDS))
            .as("onClosed cause")
            .isInstanceOf(IllegalStateException.class)
            .hasMessage("the handler failed on purpose");
        assertThat(warnings).as("warnings logged for the failed handler").hasSize(1);
        assertThat(warnings.getFirst().getMessage())
            .as("the warning names the client")
            .contains("127.0.0.1:" + failing.socket().getLocalPort());
        assertThat(warnings.getFirst().getThrown()).isInstanceOf(IllegalStateException.class);
      }
      healthy.write("after\n");
      assertThat(healthy.readLine())
          .as("the other connection after the failure")
          .isEqualTo("after");
    }
  }

  @Test
  void aPeerResetWhileTheServerWritesClosesOnlyThatConnection() throws Exception {
    TcpServer server = testServer();
    try (RawClient other = connect(server)) {
      RawClient client = RawClient.connectWithReceiveBuffer(server.localAddress().getPort(), 4096);
      client.write("big 8000000\n");
      assertThat(client.readBytes(1000)).as("the start of the big reply").containsOnly('b');
      TestHandler handler = handlerOf(client);
      client.reset();
      assertThat(handler.closed.get(10, TimeUnit.SECONDS))
          .as("onClosed cause after a reset mid-write")
          .isInstanceOf(IOException.class);
      other.write("still here\n");
      assertThat(other.readLine()).isEqualTo("still here");
    }
    await().atMost(WAIT).until(() -> server.stats().openConnections() == 0);
  }

  @Test
  void writeFileSendsTheRegionAndClosesTheFile(@TempDir Path dir) throws Exception {
    byte[] content = new byte[300_000];
    for (int i = 0; i < content.length; i++) {
      content[i] = (byte) (i % 251);
    }
    Path file = Files.write(dir.resolve("data.bin"), content);
    CompletableFuture<FileChannel> sent = new CompletableFuture<>();
    TcpServer server =
        server(
                connection ->
                    new ConnectionHandler() {
                      @Override
                      public void onOpen(Connection connection) {
                        try {
                          FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
                          connection.writeFile(channel, 1000, content.length - 1000);
                          connection.close();
                          sent.complete(channel);
                        } catch (IOException e) {
                          sent.completeExceptionally(e);
                        }
                      }

                      @Override
                      public void onData(Connection connection, ByteBuffer data) {}
                    })
            .start();
    try (RawClient client = connect(server)) {
      byte[] received = client.readToEnd();
      assertThat(received)
          .as("bytes from writeFile(file, 1000, %d)", content.length - 1000)
          .isEqualTo(Arrays.copyOfRange(content, 1000, content.length));
    }
    FileChannel channel = sent.get(10, TimeUnit.SECONDS);
    await().atMost(WAIT).until(() -> !channel.isOpen());
  }

  @Test
  void writesAfterCloseAreDroppedAndCloseIsIdempotent() throws Exception {
    TcpServer server =
        server(
                connection ->
                    new ConnectionHandler() {
                      @Override
                      public void onData(Connection connection, ByteBuffer data) {
                        connection.write(
                            ByteBuffer.wrap("last\n".getBytes(StandardCharsets.UTF_8)));
                        connection.close();
                        connection.close();
                        connection.write(
                            ByteBuffer.wrap("dropped\n".getBytes(StandardCharsets.UTF_8)));
                        assertThat(connection.isOpen()).isFalse();
                      }
                    })
            .start();
    try (RawClient client = connect(server)) {
      client.write("x\n");
      assertThat(client.readToEndAsString()).isEqualTo("last\n");
    }
  }

  @Test
  void countsBytesBothWays() throws Exception {
    TcpServer server = EchoServer.start(group, ANY_LOOPBACK_PORT);
    try (RawClient client = connect(server)) {
      client.write("twelve bytes\r\n");
      assertThat(client.readLine()).isEqualTo("twelve bytes");
    }
    await("bytes counted")
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              ServerStats stats = server.stats();
              assertThat(stats.bytesRead()).as("bytesRead").isEqualTo(14);
              assertThat(stats.bytesWritten()).as("bytesWritten").isEqualTo(13);
              assertThat(stats.accepted()).as("accepted").isEqualTo(1);
              assertThat(stats.openConnections()).as("openConnections").isZero();
            });
    LoopStats loops = group.stats();
    assertThat(loops.iterations()).as("loop iterations").isPositive();
    assertThat(loops.busyNanos()).as("loop busy nanos").isPositive();
  }

  /** Answers each line with the time it was read; "pause" suspends reading for 100 ms. */
  private static final class PausingHandler implements ConnectionHandler, LineCodec.Listener {
    private final Connection connection;
    private final LineCodec codec = new LineCodec(100, this);

    PausingHandler(Connection connection) {
      this.connection = connection;
    }

    @Override
    public void onData(Connection connection, ByteBuffer data) {
      codec.decode(data);
    }

    @Override
    public void onLine(String line) {
      if (line.equals("pause")) {
        connection.suspendReading();
        connection.loop().schedule(Duration.ofMillis(100), connection::resumeReading);
      }
      String reply = line + " " + System.nanoTime() + "\n";
      connection.write(ByteBuffer.wrap(reply.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public void onLineTooLong() {
      connection.close();
    }
  }

  @Test
  void suspendedReadingHoldsTheInputUntilResumed() throws Exception {
    TcpServer server = server(PausingHandler::new).start();
    try (RawClient client = connect(server)) {
      client.write("pause\n");
      long pausedAt = Long.parseLong(client.readLine().substring("pause ".length()));
      client.write("next\n");
      long nextAt = Long.parseLong(client.readLine().substring("next ".length()));
      assertThat(nextAt - pausedAt)
          .as("nanos between the line that suspended reading and the next one")
          .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(100));
    }
  }
}
