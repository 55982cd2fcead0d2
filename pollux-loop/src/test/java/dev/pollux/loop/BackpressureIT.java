package dev.pollux.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pollux.loop.examples.EchoServer;
import dev.pollux.testing.net.RawClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class BackpressureIT extends LoopFixture {

  private static final int LOW = 16 * 1024;
  private static final int HIGH = 64 * 1024;

  /** One read's worth: what the loop may queue above the high watermark before it stops. */
  private static final int ONE_READ = 16 * 1024;

  private static final int TOTAL = 8 * 1024 * 1024;

  /** Echoes raw bytes and records the most output ever queued. */
  private final AtomicLong maxQueued = new AtomicLong();

  private final AtomicInteger writableCalls = new AtomicInteger();
  private final AtomicInteger stoppedReading = new AtomicInteger();

  private ConnectionHandler byteEcho() {
    return new ConnectionHandler() {
      @Override
      public void onData(Connection connection, ByteBuffer data) {
        connection.write(ByteBuffer.allocate(data.remaining()).put(data).flip());
        maxQueued.accumulateAndGet(connection.queuedBytes(), Math::max);
        if (!connection.isWritable()) {
          stoppedReading.incrementAndGet();
        }
      }

      @Override
      public void onWritable(Connection connection) {
        writableCalls.incrementAndGet();
      }
    };
  }

  private static byte patternAt(long i) {
    return (byte) (i * 31 + (i >>> 11));
  }

  @Test
  void aPeerThatDoesNotReadCannotGrowTheQueueBeyondTheWatermark() throws Exception {
    TcpServer slow = server(connection -> byteEcho()).writeWatermarks(LOW, HIGH).start();
    TcpServer echo = EchoServer.start(group, ANY_LOOPBACK_PORT);
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
        RawClient hog =
            RawClient.connectWithReceiveBuffer(slow.localAddress().getPort(), 16 * 1024)) {
      OutputStream out = hog.socket().getOutputStream();
      Future<?> writer =
          threads.submit(
              () -> {
                byte[] chunk = new byte[8192];
                for (long sent = 0; sent < TOTAL; sent += chunk.length) {
                  for (int i = 0; i < chunk.length; i++) {
                    chunk[i] = patternAt(sent + i);
                  }
                  out.write(chunk);
                }
                return null;
              });
      await("the server to stop reading from the peer that does not read")
          .atMost(Duration.ofSeconds(20))
          .until(() -> stoppedReading.get() > 0);
      assertThat(maxQueued.get())
          .as("most output queued for a peer that does not read (high watermark %d)", HIGH)
          .isLessThanOrEqualTo(HIGH + ONE_READ);

      try (RawClient other = connect(echo)) {
        other.write("still served\n");
        assertThat(other.readLine())
            .as("another client while one is stalled")
            .isEqualTo("still served");
      }

      hog.socket().setSoTimeout(20_000);
      readAllAndCheckPattern(hog.socket().getInputStream());
      writer.get(20, TimeUnit.SECONDS);
    }
    assertThat(maxQueued.get())
        .as("most output ever queued for the slow peer (high watermark %d)", HIGH)
        .isLessThanOrEqualTo(HIGH + ONE_READ);
    assertThat(writableCalls.get()).as("onWritable calls after draining").isPositive();
  }

  private static void readAllAndCheckPattern(InputStream in) throws IOException {
    byte[] buffer = new byte[65536];
    long received = 0;
    while (received < TOTAL) {
      int n = in.read(buffer);
      assertThat(n).as("read() after %d of %d bytes", received, TOTAL).isPositive();
      for (int i = 0; i < n; i++) {
        if (buffer[i] != patternAt(received + i)) {
          throw new AssertionError(
              "byte "
                  + (received + i)
                  + " is "
                  + buffer[i]
                  + ", expected "
                  + patternAt(received + i));
        }
      }
      received += n;
    }
  }

  @Test
  void aClosingConnectionWhosePeerDoesNotReadIsAbortedWhenIdle() throws Exception {
    CompletableFuture<Throwable> closed = new CompletableFuture<>();
    TcpServer server =
        server(
                connection ->
                    new ConnectionHandler() {
                      @Override
                      public void onOpen(Connection connection) {
                        connection.write(ByteBuffer.allocate(TOTAL));
                        connection.close();
                      }

                      @Override
                      public void onData(Connection connection, ByteBuffer data) {}

                      @Override
                      public void onClosed(Connection connection, Throwable cause) {
                        closed.complete(cause);
                      }
                    })
            .idleTimeout(Duration.ofMillis(300))
            .start();
    try (RawClient hog =
        RawClient.connectWithReceiveBuffer(server.localAddress().getPort(), 16 * 1024)) {
      assertThat(closed.get(20, TimeUnit.SECONDS))
          .as(
              "onClosed cause of a close() that could not flush to port %d",
              hog.socket().getLocalPort())
          .isNull();
      await().atMost(Duration.ofSeconds(10)).until(() -> server.stats().openConnections() == 0);
      assertThat(server.stats().bytesWritten())
          .as("bytes the peer that does not read took")
          .isLessThan(TOTAL);
    }
  }
}
