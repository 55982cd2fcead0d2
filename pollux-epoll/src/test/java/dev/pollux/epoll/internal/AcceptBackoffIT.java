package dev.pollux.epoll.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pollux.epoll.EpollTransport;
import dev.pollux.epoll.EpollTransport.Trigger;
import dev.pollux.loop.EventLoopGroup;
import dev.pollux.loop.TcpServer;
import dev.pollux.loop.examples.EchoServer;
import dev.pollux.testing.net.Leaks;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A server on the epoll transport whose process runs out of descriptors: the accept loop backs off
 * (the acceptor pauses and the poller drops the listener from the epoll set, or, edge-triggered,
 * just does not report it) instead of spinning on the still-readable listener, and serves the
 * pending connection once descriptors are back — edge-triggered, without a new edge.
 */
class AcceptBackoffIT {

  /** The loggers of pollux-loop; their names below this one are the loop's own business. */
  private static final Logger LOOP = Logger.getLogger("dev.pollux.loop");

  /**
   * Records the loop's iteration count at every warning that accepting pauses, as a user's log
   * shows it: {@code tcp: accept on ... failed; pausing 100 ms}.
   */
  private static final class Warnings extends Handler {
    final EventLoopGroup group;
    final List<Long> iterationsAtWarning = new CopyOnWriteArrayList<>();

    Warnings(EventLoopGroup group) {
      this.group = group;
    }

    @Override
    public void publish(LogRecord record) {
      if (record.getLevel().intValue() >= Level.WARNING.intValue()
          && record.getMessage().contains("failed; pausing")) {
        iterationsAtWarning.add(group.stats().iterations());
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }

  @ParameterizedTest
  @EnumSource(Trigger.class)
  void acceptPausesWhileOutOfDescriptorsAndServesTheConnectionAfter(Trigger trigger)
      throws Throwable {
    Leaks leaks = Leaks.snapshot("pollux-");
    EventLoopGroup group = EventLoopGroup.create(EpollTransport.create(trigger), 1);
    Warnings warnings = new Warnings(group);
    LOOP.addHandler(warnings);
    try (SocketChannel client = SocketChannel.open()) {
      TcpServer server =
          EchoServer.start(group, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      try (DescriptorFiller filler = new DescriptorFiller(0, Leaks.openFileDescriptors())) {
        assertThat(filler.filled()).as("descriptors dup'ed before EMFILE").isPositive();
        client.connect(server.localAddress());
        await("three failed accepts")
            .atMost(Duration.ofSeconds(20))
            .until(() -> warnings.iterationsAtWarning.size() >= 3);
      }
      List<Long> at = warnings.iterationsAtWarning;
      assertThat(at.get(2) - at.get(0))
          .as("loop iterations between the 1st and 3rd failed accept (>= 200 ms apart): %s", at)
          .isLessThan(100);
      client.write(ByteBuffer.wrap("after\n".getBytes(StandardCharsets.US_ASCII)));
      ByteBuffer reply = ByteBuffer.allocate(6);
      while (reply.hasRemaining() && client.read(reply) >= 0) {
        // blocking reads until the echo is complete
      }
      assertThat(new String(reply.array(), StandardCharsets.US_ASCII)).isEqualTo("after\n");
    } finally {
      LOOP.removeHandler(warnings);
      group.shutdownGracefully(Duration.ofSeconds(5));
    }
    leaks.assertReleased();
  }
}
