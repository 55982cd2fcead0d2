package dev.pollux.loop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pollux.loop.examples.EchoServer;
import dev.pollux.testing.net.RawClient;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * An {@link Error} that reaches a loop goes to the group's {@link FatalErrorPolicy} and the loop
 * stops with its connections; a handler's exception still closes its own connection only.
 */
class FatalErrorIT extends LoopFixture {

  private record Fatal(EventLoop loop, Throwable error) {}

  private final CompletableFuture<Fatal> fatal = new CompletableFuture<>();

  @Override
  EventLoopGroup.Builder configure(EventLoopGroup.Builder builder) {
    // One loop, so that the test's connections are on the loop that dies.
    return builder
        .loops(1)
        .fatalErrorPolicy((loop, error) -> fatal.complete(new Fatal(loop, error)));
  }

  /** Echoes; "oom" throws an OutOfMemoryError, "deep" a StackOverflowError, "boom" an exception. */
  private static final class Thrower implements ConnectionHandler {
    @Override
    public void onData(Connection connection, ByteBuffer data) {
      String text = StandardCharsets.US_ASCII.decode(data.duplicate()).toString().strip();
      switch (text) {
        case "oom" -> throw new OutOfMemoryError("simulated: Java heap space");
        case "deep" -> throw new StackOverflowError("simulated");
        case "boom" -> throw new IllegalStateException("the handler failed on purpose");
        default -> connection.write(ByteBuffer.allocate(data.remaining()).put(data).flip());
      }
    }
  }

  private TcpServer throwingServer() throws Exception {
    return server(connection -> new Thrower()).start();
  }

  @Test
  void outOfMemoryInATaskGoesToThePolicyAndAbortsTheLoopsConnections() throws Exception {
    TcpServer server = EchoServer.start(group, ANY_LOOPBACK_PORT);
    try (RawClient client = connect(server)) {
      client.write("before\n");
      assertThat(client.readLine()).isEqualTo("before");
      EventLoop loop = group.next();
      loop.execute(
          () -> {
            throw new OutOfMemoryError("simulated: Java heap space");
          });
      Fatal got = fatal.get(10, TimeUnit.SECONDS);
      assertThat(got.loop()).as("the loop handed to the policy").isSameAs(loop);
      assertThat(got.error()).hasMessage("simulated: Java heap space");
      assertThat(client.awaitClosed()).as("the dead loop's connection is closed").isTrue();
    }
  }

  @Test
  void outOfMemoryInAHandlerIsFatalNotJustTheConnections() throws Exception {
    try (RawClient client = connect(throwingServer())) {
      client.write("oom\n");
      assertThat(fatal.get(10, TimeUnit.SECONDS).error()).isInstanceOf(OutOfMemoryError.class);
      assertThat(client.awaitClosed()).isTrue();
    }
  }

  @Test
  void stackOverflowInAHandlerIsFatal() throws Exception {
    try (RawClient client = connect(throwingServer())) {
      client.write("deep\n");
      assertThat(fatal.get(10, TimeUnit.SECONDS).error()).isInstanceOf(StackOverflowError.class);
      assertThat(client.awaitClosed()).isTrue();
    }
  }

  @Test
  void aHandlersExceptionClosesOnlyItsConnection() throws Exception {
    TcpServer server = throwingServer();
    try (RawClient failing = connect(server);
        RawClient other = connect(server)) {
      other.write("first\n");
      assertThat(other.readLine()).isEqualTo("first");
      failing.write("boom\n");
      assertThat(failing.awaitClosed()).as("the failing handler's connection").isTrue();
      other.write("still here\n");
      assertThat(other.readLine()).isEqualTo("still here");
      assertThat(fatal).as("the fatal-error policy after a handler's exception").isNotDone();
    }
  }
}
