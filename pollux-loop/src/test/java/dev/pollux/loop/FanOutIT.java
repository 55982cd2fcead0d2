package dev.pollux.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pollux.testing.net.RawClient;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A fan-out, one task per connection (an event to every open stream), hands each connection's bytes
 * to the kernel a few dozen tasks later at most, not at the end of the loop's iteration: a thousand
 * clients' bytes waiting together outgrow a small heap's young generation.
 */
class FanOutIT extends LoopFixture {

  private static final int CLIENTS = 100;

  /** More than the loop lets wait between two tasks. */
  private static final int MOST_WAITING = 32;

  private final List<Connection> accepted = new CopyOnWriteArrayList<>();

  @Override
  EventLoopGroup.Builder configure(EventLoopGroup.Builder builder) {
    return builder.loops(1); // every connection on one loop, as a fan-out finds them
  }

  @Test
  void bytesWrittenByEarlierTasksAreOutBeforeTheLastTaskRuns() throws Exception {
    TcpServer server =
        server(
                connection -> {
                  accepted.add(connection);
                  return (c, data) -> {};
                })
            .start();
    List<RawClient> clients = new ArrayList<>();
    try {
      for (int i = 0; i < CLIENTS; i++) {
        clients.add(connect(server));
      }
      await("every connection accepted").until(() -> accepted.size() == CLIENTS);
      EventLoop loop = accepted.getFirst().loop();

      CompletableFuture<Long> stillWaiting = new CompletableFuture<>();
      for (Connection connection : accepted) {
        loop.execute(() -> connection.write(line("event")));
      }
      loop.execute(
          () -> stillWaiting.complete(accepted.stream().filter(c -> c.queuedBytes() > 0).count()));

      assertThat(stillWaiting.get(10, TimeUnit.SECONDS))
          .as("connections whose bytes still wait after %d write tasks", CLIENTS)
          .isLessThanOrEqualTo(MOST_WAITING);
      for (RawClient client : clients) {
        assertThat(client.readLine()).isEqualTo("event");
      }
    } finally {
      for (RawClient client : clients) {
        client.close();
      }
    }
  }

  private static ByteBuffer line(String text) {
    return ByteBuffer.wrap((text + "\n").getBytes(StandardCharsets.US_ASCII));
  }
}
