package dev.pollux.bench.load;

import dev.pollux.bench.SuppressForbidden;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A holder of idle HTTP keep-alive connections, the background of the I/O-model experiment: {@code
 * IdleConnections --port P --connections N [--host 127.0.0.1] [--source 127.0.0.2] [--per-source
 * 5000] [--in-flight 256] [--path /plaintext] [--open-seconds 120]}. It opens N connections, sends
 * one {@code GET} on each and reads the whole response, so that every connection is a real client
 * that has been served and now says nothing; prints {@code idle-connections: ready held=N failed=F
 * seconds=S}; holds them until its standard input ends or it gets SIGTERM/SIGINT; then prints
 * {@code idle-connections: done held=H closed_by_server=C} and resets them all.
 *
 * <p><b>Design.</b> One thread and one {@link Selector} for everything, so the holder costs its
 * machine almost nothing while it holds: no thread and no buffer per connection, one shared read
 * buffer, and during the hold a selector that wakes only when the server closes a connection (which
 * is counted: the experiment needs to know that the server kept them all). Connection {@code i} is
 * bound to source address {@code source + i / perSource} (127.0.0.2, 127.0.0.3, ...), so that no
 * source address runs out of ephemeral ports; at most {@code inFlight} connections are being opened
 * at once, so the server's accept backlog never overflows. On close each socket is reset ({@code
 * SO_LINGER} 0) rather than closed politely: otherwise tens of thousands of client ports would sit
 * in TIME_WAIT for a minute and the next run could not bind them.
 */
@SuppressForbidden
public final class IdleConnections implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(IdleConnections.class.getName());
  private static final long SELECT_MILLIS = 100;
  private static final Duration STOP_GRACE = Duration.ofSeconds(10);

  /** The marker of a connection that has been served and is now only held. */
  private static final Object HELD = new Object();

  private final IdleOptions options;
  private final Selector selector;
  private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(4096);
  private final byte[] request;
  private final AtomicInteger held = new AtomicInteger();
  private final AtomicInteger closedByServer = new AtomicInteger();
  private volatile boolean stopping;
  private int started; // selector thread only, as are the next three
  private int opening;
  private int failed;
  private String firstFailure;

  private IdleConnections(IdleOptions options, Selector selector) {
    this.options = options;
    this.selector = selector;
    this.request =
        ("GET " + options.path() + " HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * Opens the connections of {@code options}; returns when each one has been served or has failed,
   * or when {@link IdleOptions#openTimeout()} has passed (the ones still opening then count as
   * failed).
   */
  public static IdleConnections open(IdleOptions options) throws IOException {
    IdleConnections holder = new IdleConnections(options, Selector.open());
    try {
      holder.openAll();
      return holder;
    } catch (IOException | RuntimeException e) {
      holder.close();
      throw e;
    }
  }

  /** Connections served and still open. */
  public int held() {
    return held.get();
  }

  /** Connections that could not be opened or were not answered with {@code 200}. */
  public int failed() {
    return failed;
  }

  /** The reason of the first failure, or null when none failed. */
  public String firstFailure() {
    return firstFailure;
  }

  /** Held connections that the server has closed since they were served. */
  public int closedByServer() {
    return closedByServer.get();
  }

  /**
   * Holds the connections, on the calling thread, until {@link #stop()}: the selector wakes only
   * when the server closes one (or sends something it should not).
   */
  public void holdUntilStopped() throws IOException {
    while (!stopping) {
      selector.select(this::onHeld, SELECT_MILLIS);
    }
  }

  /** Makes {@link #holdUntilStopped()} (or an {@link #open} in progress) return; any thread. */
  public void stop() {
    stopping = true;
    selector.wakeup();
  }

  /** Resets every connection and closes the selector; after the hold has returned. */
  @Override
  public void close() {
    for (SelectionKey key : new ArrayList<>(selector.keys())) {
      closeQuietly((SocketChannel) key.channel());
    }
    held.set(0);
    try {
      selector.close();
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "closing the selector failed", e);
    }
  }

  private void openAll() throws IOException {
    long deadline = System.nanoTime() + options.openTimeout().toNanos();
    while ((started < options.connections() || opening > 0) && !stopping) {
      if (System.nanoTime() - deadline > 0) {
        abandonOpening();
        return;
      }
      while (started < options.connections() && opening < options.inFlight()) {
        startOne();
      }
      selector.select(this::onOpening, SELECT_MILLIS);
    }
    abandonOpening();
  }

  private void startOne() {
    InetAddress source = options.source(started++);
    SocketChannel channel = null;
    try {
      channel = SocketChannel.open();
      channel.configureBlocking(false);
      channel.setOption(StandardSocketOptions.SO_LINGER, 0);
      channel.bind(new InetSocketAddress(source, 0));
      boolean connected = channel.connect(options.server());
      channel.register(
          selector,
          connected ? SelectionKey.OP_WRITE : SelectionKey.OP_CONNECT,
          new Opening(ByteBuffer.wrap(request)));
      opening++;
    } catch (IOException e) {
      if (channel != null) {
        closeQuietly(channel);
      }
      fail("from " + source.getHostAddress() + ": " + e);
    }
  }

  private void onOpening(SelectionKey key) {
    if (!(key.attachment() instanceof Opening state)) {
      onHeld(key); // served already, and closed by the server while others are still opening
      return;
    }
    SocketChannel channel = (SocketChannel) key.channel();
    try {
      if (key.isConnectable() && channel.finishConnect()) {
        key.interestOps(SelectionKey.OP_WRITE);
      } else if (key.isWritable()) {
        channel.write(state.request());
        if (!state.request().hasRemaining()) {
          key.interestOps(SelectionKey.OP_READ);
        }
      } else if (key.isReadable()) {
        readResponse(key, channel, state.response());
      }
    } catch (IOException e) {
      opening--;
      closeQuietly(channel);
      fail(e.toString());
    }
  }

  private void readResponse(SelectionKey key, SocketChannel channel, ResponseReader response)
      throws IOException {
    readBuffer.clear();
    if (channel.read(readBuffer) < 0) {
      throw new IOException("the server closed the connection before its response ended");
    }
    readBuffer.flip();
    if (response.feed(readBuffer)) {
      if (response.status() != 200) {
        throw new IOException("the server answered " + response.status());
      }
      opening--;
      held.incrementAndGet();
      key.attach(HELD);
    } else if (response.invalid()) {
      throw new IOException("the server's answer is not an HTTP/1.1 response");
    }
  }

  private void onHeld(SelectionKey key) {
    SocketChannel channel = (SocketChannel) key.channel();
    try {
      readBuffer.clear();
      if (channel.read(readBuffer) >= 0) {
        LOG.log(System.Logger.Level.DEBUG, "an idle connection received bytes; ignored");
        return;
      }
    } catch (IOException e) {
      LOG.log(System.Logger.Level.DEBUG, () -> "an idle connection failed: " + e);
    }
    closeQuietly(channel);
    held.decrementAndGet();
    closedByServer.incrementAndGet();
  }

  /** Gives up on the connections still opening (at the deadline, or when stopped). */
  private void abandonOpening() {
    for (SelectionKey key : new ArrayList<>(selector.keys())) {
      // A key closed since the last select is still in keys(), but no longer valid.
      if (key.isValid() && key.attachment() instanceof Opening) {
        closeQuietly((SocketChannel) key.channel());
        opening--;
        fail("not served within " + options.openTimeout());
      }
    }
  }

  private void fail(String reason) {
    failed++;
    if (firstFailure == null) {
      firstFailure = reason;
    }
  }

  private static void closeQuietly(SocketChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // A reset that fails leaves nothing to clean up: the descriptor is released either way.
      LOG.log(System.Logger.Level.DEBUG, () -> "close failed: " + e);
    }
  }

  /** The request still to send and the response being read, of a connection being opened. */
  private record Opening(ByteBuffer request, ResponseReader response) {
    Opening(ByteBuffer request) {
      this(request, new ResponseReader());
    }
  }

  /** See the type's description. */
  public static void main(String[] args) throws InterruptedException {
    IdleOptions options;
    try {
      options = IdleOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("idle-connections: " + e.getMessage());
      System.exit(2);
      return;
    }
    long start = System.nanoTime();
    IdleConnections holder;
    try {
      holder = open(options);
    } catch (IOException e) {
      System.err.println("idle-connections: " + e);
      System.exit(1);
      return;
    }
    System.out.println(
        String.format(
            Locale.ROOT,
            "idle-connections: ready held=%d failed=%d seconds=%.2f",
            holder.held(),
            holder.failed(),
            (System.nanoTime() - start) / 1e9));
    if (holder.firstFailure() != null) {
      System.err.println("idle-connections: first failure: " + holder.firstFailure());
    }
    System.out.flush();
    CountDownLatch done = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  holder.stop();
                  awaitQuietly(done);
                },
                "idle-connections-stop"));
    Thread.ofPlatform().daemon().name("idle-connections-stdin").start(() -> drain(holder));
    try {
      holder.holdUntilStopped();
    } catch (IOException e) {
      System.err.println("idle-connections: the hold failed: " + e);
    }
    System.out.println(
        "idle-connections: done held="
            + holder.held()
            + " closed_by_server="
            + holder.closedByServer());
    System.out.flush();
    holder.close();
    done.countDown();
  }

  /** Reads standard input to its end, then stops the holder: the harness closes it to say stop. */
  private static void drain(IdleConnections holder) {
    byte[] buffer = new byte[256];
    try {
      InputStream in = System.in;
      while (in.read(buffer) >= 0) {
        // Whatever the harness writes means nothing; only the end of the stream does.
      }
    } catch (IOException e) {
      LOG.log(System.Logger.Level.DEBUG, () -> "standard input failed: " + e);
    }
    holder.stop();
  }

  private static void awaitQuietly(CountDownLatch done) {
    try {
      if (!done.await(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        System.err.println("idle-connections: still closing after " + STOP_GRACE);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
