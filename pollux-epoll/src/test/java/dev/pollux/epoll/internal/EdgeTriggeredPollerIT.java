package dev.pollux.epoll.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pollux.loop.spi.Poller;
import dev.pollux.loop.spi.Registration;
import dev.pollux.loop.spi.StreamSocket;
import dev.pollux.testing.net.Leaks;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The edge-triggered {@link EpollPoller} on its own, driven by hand like a loop would: readiness
 * the handler left (unread input, regained interest) is dispatched again without a new edge, and a
 * socket found full is dispatched for writing on the edge of the peer's reading.
 */
class EdgeTriggeredPollerIT {

  private static final Duration WAIT = Duration.ofSeconds(10);

  /** Longer than any test: a wait that does not return at once fails the test by its result. */
  private static final long LONG_NANOS = TimeUnit.SECONDS.toNanos(20);

  /** A wait that must find nothing: the poller has nothing to report, so it times out. */
  private static final long SHORT_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  private Leaks leaks;
  private EpollListenSocket listen;
  private EpollPoller poller;
  private Socket client;
  private StreamSocket server;
  private final List<Integer> dispatched = new ArrayList<>();

  @BeforeEach
  void connect() throws IOException {
    leaks = Leaks.snapshot("pollux-");
    listen =
        EpollListenSocket.bind(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4, false);
    poller = EpollPoller.open(true);
    // A small receive buffer, set before connecting so that the window is small from the start:
    // the socket is then full once the server's send buffer (64 KiB, set at accept) and this
    // buffer are, and stays full until the peer reads.
    client = new Socket();
    client.setReceiveBufferSize(4096);
    client.connect(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), listen.localAddress().getPort()));
    server = await("accept() on " + listen).atMost(WAIT).until(listen::accept, s -> s != null);
  }

  @AfterEach
  void close() throws IOException {
    server.close();
    client.close();
    poller.close();
    listen.close();
    leaks.assertReleased();
  }

  /**
   * Registers the server socket with a handler that records each call and then runs {@code then}.
   */
  private Registration register(int interest, IntConsumer then) throws IOException {
    return poller.register(
        server,
        interest,
        ops -> {
          dispatched.add(ops);
          then.accept(ops);
        });
  }

  /** Waits and dispatches once, as one loop iteration does. */
  private void iterate(long timeoutNanos) throws IOException {
    poller.await(timeoutNanos);
    poller.dispatch();
  }

  private IntConsumer readInto(ByteBuffer buffer) {
    return ops -> {
      try {
        server.read(buffer);
      } catch (IOException e) {
        throw new AssertionError("read() on " + server, e);
      }
    };
  }

  @Test
  void inputTheHandlerLeftIsDispatchedAgainWithoutANewEdge() throws IOException {
    ByteBuffer ten = ByteBuffer.allocateDirect(10);
    register(Poller.READ, readInto(ten));
    client.getOutputStream().write(new byte[25]);
    await("the first dispatch")
        .atMost(WAIT)
        .until(
            () -> {
              iterate(SHORT_NANOS);
              return !dispatched.isEmpty();
            });
    ten.clear();
    iterate(LONG_NANOS); // 10 more bytes: no edge has come since the first
    ten.clear();
    iterate(LONG_NANOS); // the last 5: a short read, so drained
    assertThat(dispatched)
        .as("ready ops of each dispatch for 25 bytes read 10 at a time")
        .containsExactly(Poller.READ, Poller.READ, Poller.READ);
    assertThat(ten.position()).as("bytes of the third read").isEqualTo(5);
    iterate(SHORT_NANOS);
    assertThat(dispatched).as("dispatches once the input is drained").hasSize(3);
  }

  @Test
  void interestRegainedOverRememberedInputIsDispatchedWithoutANewEdge() throws IOException {
    Registration[] registration = new Registration[1];
    ByteBuffer all = ByteBuffer.allocateDirect(64);
    registration[0] =
        register(
            Poller.READ,
            ops -> {
              if (dispatched.size() == 1) {
                registration[0].interest(0); // suspended reading, nothing read
              } else {
                readInto(all).accept(ops);
              }
            });
    client.getOutputStream().write(new byte[7]);
    await("the first dispatch")
        .atMost(WAIT)
        .until(
            () -> {
              iterate(SHORT_NANOS);
              return !dispatched.isEmpty();
            });
    iterate(SHORT_NANOS);
    assertThat(dispatched).as("dispatches while reading is suspended").hasSize(1);
    registration[0].interest(Poller.READ);
    iterate(LONG_NANOS);
    assertThat(dispatched)
        .as("dispatches after resuming")
        .containsExactly(Poller.READ, Poller.READ);
    assertThat(all.position()).as("bytes read after resuming").isEqualTo(7);
  }

  @Test
  void aFullSocketIsDispatchedForWritingOnThePeersRead() throws IOException {
    Registration registration = register(0, ops -> {});
    ByteBuffer chunk = ByteBuffer.allocateDirect(64 * 1024);
    long sent = 0;
    for (long n; (n = server.write(new ByteBuffer[] {chunk.clear()}, 0, 1)) > 0; ) {
      sent += n;
    }
    registration.interest(Poller.WRITE);
    iterate(SHORT_NANOS);
    assertThat(dispatched).as("dispatches of a full socket with write interest").isEmpty();
    InputStream in = client.getInputStream();
    byte[] buffer = new byte[64 * 1024];
    for (long received = 0; received < sent; ) {
      received += in.read(buffer);
    }
    await("a dispatch for writing after the peer read " + sent + " bytes")
        .atMost(WAIT)
        .until(
            () -> {
              iterate(SHORT_NANOS);
              return !dispatched.isEmpty();
            });
    assertThat(dispatched)
        .as("ready ops after the peer read everything")
        .containsExactly(Poller.WRITE);
  }
}
