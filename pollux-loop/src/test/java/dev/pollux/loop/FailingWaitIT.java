package dev.pollux.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pollux.loop.spi.ListenSocket;
import dev.pollux.loop.spi.Pollable;
import dev.pollux.loop.spi.Poller;
import dev.pollux.loop.spi.ReadyHandler;
import dev.pollux.loop.spi.Registration;
import dev.pollux.testing.net.Leaks;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/**
 * A loop whose poller fails every wait for a while logs the first failure and, when a wait works
 * again, how many there were: two lines, not one per pass of a loop that spins while it fails.
 */
class FailingWaitIT {

  private static final int FAILURES = 500;

  @Test
  void aRunOfFailedWaitsGivesTwoWarningsAndTheLoopServesOn() throws Exception {
    Leaks leaks = Leaks.snapshot("pollux-");
    FailingTransport transport = new FailingTransport(NioTransport.standard());
    try (WarningLog log = WarningLog.capture()) {
      EventLoopGroup group = EventLoopGroup.create(transport, 1);
      try {
        EventLoop loop = group.next();
        transport.failNext(FAILURES);
        CompletableFuture<Boolean> ran = new CompletableFuture<>();
        loop.execute(() -> ran.complete(loop.inLoop())); // wakes the loop into the failing waits
        assertThat(ran.get(20, TimeUnit.SECONDS)).as("a task ran on the loop").isTrue();
        await("every failure given")
            .atMost(Duration.ofSeconds(20))
            .until(() -> transport.failuresLeft() <= 0);
        // The first wait that works again logs when it returns: a task makes it return.
        CompletableFuture<Boolean> after = new CompletableFuture<>();
        loop.execute(() -> after.complete(true));
        assertThat(after.get(20, TimeUnit.SECONDS)).as("a task after the failures").isTrue();

        assertThat(log.records).extracting(LogRecord::getMessage).hasSize(2);
        LogRecord first = log.records.get(0);
        assertThat(first.getMessage())
            .isEqualTo(
                loop.name()
                    + ": waiting for readiness failed; further failures are counted until it"
                    + " works");
        assertThat(first.getThrown()).hasMessage("simulated: epoll_wait failed");
        assertThat(log.records.get(1).getMessage())
            .isEqualTo(
                loop.name()
                    + ": waiting for readiness works again after "
                    + FAILURES
                    + " failed waits ("
                    + (FAILURES - 1)
                    + " not logged)");
      } finally {
        group.shutdownGracefully(Duration.ofSeconds(5));
      }
    }
    leaks.assertReleased();
  }

  /** A transport whose pollers fail the next {@code n} waits after {@link #failNext}. */
  private static final class FailingTransport implements Transport {
    private final Transport delegate;
    private final AtomicInteger failuresLeft = new AtomicInteger();

    FailingTransport(Transport delegate) {
      this.delegate = delegate;
    }

    void failNext(int n) {
      failuresLeft.set(n);
    }

    int failuresLeft() {
      return failuresLeft.get();
    }

    @Override
    public String name() {
      return "failing";
    }

    @Override
    public Poller openPoller() throws IOException {
      Poller poller = delegate.openPoller();
      return new Poller() {
        @Override
        public Registration register(Pollable socket, int interest, ReadyHandler handler)
            throws IOException {
          return poller.register(socket, interest, handler);
        }

        @Override
        public int await(long timeoutNanos) throws IOException {
          if (failuresLeft.get() > 0 && failuresLeft.getAndDecrement() > 0) {
            throw new IOException("simulated: epoll_wait failed");
          }
          return poller.await(timeoutNanos);
        }

        @Override
        public void dispatch() {
          poller.dispatch();
        }

        @Override
        public void wakeup() {
          poller.wakeup();
        }

        @Override
        public void close() throws IOException {
          poller.close();
        }
      };
    }

    @Override
    public ListenSocket listen(InetSocketAddress address, int backlog) throws IOException {
      return delegate.listen(address, backlog);
    }
  }
}
