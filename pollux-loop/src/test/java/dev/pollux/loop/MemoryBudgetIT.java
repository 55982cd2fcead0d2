package dev.pollux.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pollux.testing.net.RawClient;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The group's memory budget: what handlers report and what waits unsent counts; over the budget new
 * connections get the refusal, and after the shed delay the biggest connections are closed until
 * the group is back under the low mark.
 */
class MemoryBudgetIT extends LoopFixture {

  private static final long HIGH_BYTES = 1024 * 1024;
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final byte[] BUSY = "ERR busy\n".getBytes(StandardCharsets.US_ASCII);

  @Override
  EventLoopGroup.Builder configure(EventLoopGroup.Builder builder) {
    // A shed delay long enough for a refused connection to be seen on a loaded machine.
    return builder.memoryBudget(MemoryBudget.ofBytes(HIGH_BYTES).withShedDelay(WAIT.dividedBy(4)));
  }

  /** How each connection ended, by the client's port. */
  private final Map<Integer, CompletableFuture<Throwable>> closed = new ConcurrentHashMap<>();

  /** "hold N" reports N bytes held, "big N" writes N bytes, anything else is echoed. */
  private final class Holder implements ConnectionHandler {
    @Override
    public void onData(Connection connection, ByteBuffer data) {
      String text = StandardCharsets.US_ASCII.decode(data.duplicate()).toString().strip();
      if (text.startsWith("hold ")) {
        connection.reportHeldBytes(Long.parseLong(text.substring(5)));
        connection.write(ByteBuffer.wrap("held\n".getBytes(StandardCharsets.US_ASCII)));
      } else if (text.startsWith("big ")) {
        connection.write(ByteBuffer.allocate(Integer.parseInt(text.substring(4))));
      } else {
        connection.write(ByteBuffer.allocate(data.remaining()).put(data).flip());
      }
    }

    @Override
    public void onClosed(Connection connection, Throwable cause) {
      ending(connection.remoteAddress().getPort()).complete(cause);
    }
  }

  private CompletableFuture<Throwable> ending(int clientPort) {
    return closed.computeIfAbsent(clientPort, port -> new CompletableFuture<>());
  }

  private TcpServer holdingServer() throws Exception {
    return server(connection -> new Holder()).refusal(BUSY).start();
  }

  private static void hold(RawClient client, long bytes) throws Exception {
    client.write("hold " + bytes + "\n");
    assertThat(client.readLine()).isEqualTo("held");
  }

  private Throwable howClosed(RawClient client) throws Exception {
    return ending(client.socket().getLocalPort()).get(WAIT.toSeconds(), TimeUnit.SECONDS);
  }

  private void awaitNothingHeld() {
    await("held bytes back to 0").atMost(WAIT).until(() -> group.heldBytes() == 0);
  }

  @Test
  void heldBytesFollowTheHandlersReportsAndReturnToZero() throws Exception {
    TcpServer server = holdingServer();
    try (RawClient client = connect(server)) {
      hold(client, 100_000);
      assertThat(group.heldBytes())
          .as("held bytes with one connection reporting 100 000")
          .isBetween(100_000L, 100_000L + 16 * 1024);
      assertThat(group.stats().heldBytes())
          .as("held bytes in the loops' stats")
          .isBetween(100_000L, 100_000L + 16 * 1024);
      hold(client, 10);
      assertThat(group.heldBytes()).as("after the report went down").isLessThan(16 * 1024);
    }
    awaitNothingHeld();
  }

  @Test
  void overTheBudgetNewConnectionsAreRefusedThenTheHolderIsClosed() throws Exception {
    TcpServer server = holdingServer();
    try (RawClient hog = connect(server)) {
      hold(hog, HIGH_BYTES + HIGH_BYTES / 4);
      try (RawClient newcomer = connect(server)) {
        assertThat(newcomer.readToEndAsString())
            .as("a new connection over budget")
            .isEqualTo("ERR busy\n");
      }
      assertThat(howClosed(hog)).hasMessageContaining("memory budget");
      assertThat(hog.awaitClosed()).isTrue();
    }
    awaitNothingHeld();
    try (RawClient fresh = connect(server)) {
      fresh.write("served again\n");
      assertThat(fresh.readLine()).isEqualTo("served again");
    }
    assertThat(server.stats().refusedOverBudget()).as("refused over budget").isEqualTo(1);
    assertThat(server.stats().refused()).as("refused in all").isEqualTo(1);
    assertThat(group.stats().closedOverBudget()).as("closed over budget").isEqualTo(1);
  }

  @Test
  void theBiggestConnectionIsClosedFirstAndTheOthersLiveOn() throws Exception {
    TcpServer server = holdingServer();
    try (RawClient big = connect(server);
        RawClient smaller = connect(server);
        RawClient small = connect(server)) {
      hold(big, 600_000);
      hold(smaller, 400_000);
      hold(small, 100_000);
      assertThat(howClosed(big)).hasMessageContaining("memory budget");
      smaller.write("still here\n");
      assertThat(smaller.readLine()).isEqualTo("still here");
      small.write("me too\n");
      assertThat(small.readLine()).isEqualTo("me too");
      assertThat(group.stats().closedOverBudget()).isEqualTo(1);
    }
    awaitNothingHeld();
  }

  @Test
  void outputThePeerDoesNotReadCountsAndIsShed() throws Exception {
    TcpServer server = holdingServer();
    try (RawClient reader =
        RawClient.connectWithReceiveBuffer(server.localAddress().getPort(), 4096)) {
      // Far more than the socket buffers take: the rest waits in the write queue.
      reader.write("big " + 16 * HIGH_BYTES + "\n");
      assertThat(howClosed(reader)).hasMessageContaining("memory budget");
    }
    awaitNothingHeld();
  }

  @Test
  void farOverTheBudgetShedsWithoutWaitingForTheDelay() throws Exception {
    TcpServer server = holdingServer();
    try (RawClient hog = connect(server)) {
      long start = System.nanoTime();
      hog.write("hold " + 3 * HIGH_BYTES + "\n");
      assertThat(howClosed(hog)).hasMessageContaining("memory budget");
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .as("time to close a connection holding three times the budget")
          .isLessThan(WAIT.dividedBy(4));
    }
    awaitNothingHeld();
  }
}
