package dev.pollux.loop.internal;

import dev.pollux.loop.spi.ListenSocket;
import dev.pollux.loop.spi.Poller;
import dev.pollux.loop.spi.ReadyHandler;
import dev.pollux.loop.spi.Registration;
import dev.pollux.loop.spi.StreamSocket;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Accepts the connections of one listening socket on one loop and hands each to the next loop of
 * the group (round-robin), or refuses it when the server is full.
 */
public final class Acceptor implements ReadyHandler {

  private static final System.Logger LOG = System.getLogger(Acceptor.class.getName());

  /** Accepts per wake-up at most, so that a connection storm cannot starve this loop's I/O. */
  private static final int MAX_ACCEPTS_PER_WAKEUP = 64;

  /** How long accepting pauses after it failed (e.g. EMFILE), instead of spinning on it. */
  private static final long ACCEPT_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  /** How long a caller waits for the loop to run its task at most. */
  private static final long LOOP_WAIT_NANOS = TimeUnit.SECONDS.toNanos(30);

  /** How often the caller looks whether the loop has stopped meanwhile. */
  private static final long LOOP_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  private final ServerContext server;
  private final ListenSocket listen;
  private final PollingLoop loop;
  private final Supplier<PollingLoop> loops;
  private final long maxConnections;
  private final byte[] refusal;

  private Registration registration; // loop thread only
  private volatile boolean closed; // written by the loop thread

  public Acceptor(
      ServerContext server,
      ListenSocket listen,
      PollingLoop loop,
      Supplier<PollingLoop> loops,
      long maxConnections,
      byte[] refusal) {
    this.server = server;
    this.listen = listen;
    this.loop = loop;
    this.loops = loops;
    this.maxConnections = maxConnections;
    this.refusal = refusal.clone();
  }

  public InetSocketAddress localAddress() {
    return listen.localAddress();
  }

  /** Registers the listening socket with its loop; returns once it is accepting. */
  public void start() throws IOException {
    try {
      onLoop(
          () -> {
            try {
              registration = loop.poller().register(listen, Poller.READ, this);
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          },
          false);
    } catch (UncheckedIOException e) {
      listen.close();
      throw e.getCause();
    }
  }

  /** Stops accepting and closes the listening socket; returns once its port is released. */
  public void close() {
    if (!closed) {
      onLoop(this::closeOnLoop, true);
    }
  }

  private void closeOnLoop() {
    if (closed) {
      return;
    }
    closed = true;
    if (registration != null) {
      registration.cancel();
    }
    try {
      listen.close();
    } catch (IOException e) {
      LOG.log(Level.WARNING, server.name + ": closing " + listen + " failed", e);
    }
  }

  /** Runs {@code task} on the loop and waits for it (and, if asked, for the next wait). */
  private void onLoop(Runnable task, boolean untilAfterWait) {
    if (loop.inLoop()) {
      task.run();
      return;
    }
    CompletableFuture<Void> done = new CompletableFuture<>();
    loop.execute(
        () -> {
          try {
            task.run();
            if (untilAfterWait) {
              loop.executeAfterWait(() -> done.complete(null));
            } else {
              done.complete(null);
            }
          } catch (RuntimeException e) {
            done.completeExceptionally(e);
          }
        });
    try {
      awaitLoop(done);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for " + loop.name(), e);
    } catch (TimeoutException e) {
      // The loop has stopped (its group shut down, or a fatal error): close the socket from here.
      closed = true;
      closeQuietly();
      if (!untilAfterWait) {
        throw new IllegalStateException(loop.name() + " has stopped", e);
      }
    }
  }

  /**
   * Waits for {@code done}, up to 30 s, or until the loop has stopped without running it (its
   * queued tasks are dropped then).
   */
  private void awaitLoop(CompletableFuture<Void> done)
      throws ExecutionException, InterruptedException, TimeoutException {
    long deadline = System.nanoTime() + LOOP_WAIT_NANOS;
    while (true) {
      try {
        done.get(LOOP_POLL_NANOS, TimeUnit.NANOSECONDS);
        return;
      } catch (TimeoutException e) {
        if ((loop.isTerminated() && !done.isDone()) || System.nanoTime() - deadline > 0) {
          throw e;
        }
      }
    }
  }

  private void closeQuietly() {
    try {
      listen.close();
    } catch (IOException e) {
      LOG.log(Level.DEBUG, "closing " + listen + " failed", e);
    }
  }

  @Override
  public void ready(int readyOps) {
    for (int i = 0; i < MAX_ACCEPTS_PER_WAKEUP && !closed; i++) {
      StreamSocket socket;
      try {
        socket = listen.accept();
      } catch (IOException e) {
        pauseAccepting(e);
        return;
      }
      if (socket == null) {
        return;
      }
      handOff(socket);
    }
  }

  private void pauseAccepting(IOException e) {
    LOG.log(Level.WARNING, server.name + ": accept on " + listen + " failed; pausing 100 ms", e);
    registration.interest(0);
    loop.scheduleNanos(
        ACCEPT_PAUSE_NANOS,
        () -> {
          if (!closed) {
            registration.interest(Poller.READ);
          }
        });
  }

  private void handOff(StreamSocket socket) {
    if (server.open.get() >= maxConnections) {
      refuse(socket, "{0}: refused {1}: " + maxConnections + " connections open");
      return;
    }
    if (loop.memoryGuard().exceeded()) {
      server.refusedOverBudget.increment();
      refuse(socket, "{0}: refused {1}: the connections hold more than the memory budget");
      return;
    }
    server.open.incrementAndGet();
    server.accepted.increment();
    PollingLoop target = loops.get();
    TcpConnection connection = new TcpConnection(target, socket, server);
    if (target.inLoop()) {
      connection.open();
    } else {
      target.execute(connection::open);
    }
  }

  /** Writes the refusal once without waiting (best effort) and closes at once. */
  private void refuse(StreamSocket socket, String why) {
    server.refused.increment();
    try (socket) {
      if (refusal.length > 0) {
        socket.write(new ByteBuffer[] {ByteBuffer.wrap(refusal)}, 0, 1);
      }
    } catch (IOException e) {
      LOG.log(Level.DEBUG, "{0}: refusing {1}: {2}", server.name, socket, e.toString());
    }
    LOG.log(Level.DEBUG, why, server.name, socket);
  }
}
