package dev.pollux.loop;

import dev.pollux.loop.internal.Acceptor;
import dev.pollux.loop.internal.PollingLoop;
import dev.pollux.loop.spi.Poller;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fixed set of {@link EventLoop}s on one {@link Transport}, each on its own thread named {@code
 * pollux-<transport>-<i>}. Servers started on the group spread their connections over its loops
 * round-robin; {@link #shutdownGracefully} stops them all.
 */
public final class EventLoopGroup implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(EventLoopGroup.class.getName());

  private final Transport transport;
  private final PollingLoop[] loops;
  private final AtomicInteger next = new AtomicInteger();
  private final List<Acceptor> acceptors = new CopyOnWriteArrayList<>();
  private final AtomicBoolean shutdown = new AtomicBoolean();

  private EventLoopGroup(Transport transport, PollingLoop[] loops) {
    this.transport = transport;
    this.loops = loops;
  }

  /** Opens {@code loops} pollers of {@code transport} and starts a thread for each. */
  public static EventLoopGroup create(Transport transport, int loops) {
    if (loops < 1) {
      throw new IllegalArgumentException("loops < 1: " + loops);
    }
    Poller[] pollers = new Poller[loops];
    try {
      for (int i = 0; i < loops; i++) {
        pollers[i] = transport.openPoller();
      }
    } catch (IOException e) {
      for (Poller poller : pollers) {
        closeQuietly(poller);
      }
      throw new UncheckedIOException("cannot open a " + transport.name() + " poller", e);
    }
    PollingLoop[] created = new PollingLoop[loops];
    for (int i = 0; i < loops; i++) {
      created[i] = new PollingLoop("pollux-" + transport.name() + "-" + i, pollers[i]);
      created[i].start();
    }
    return new EventLoopGroup(transport, created);
  }

  private static void closeQuietly(Poller poller) {
    if (poller == null) {
      return;
    }
    try {
      poller.close();
    } catch (IOException e) {
      LOG.log(Level.WARNING, "closing a poller failed", e);
    }
  }

  /** The number of loops. */
  public int size() {
    return loops.length;
  }

  /** The next loop, round-robin. */
  public EventLoop next() {
    return nextLoop();
  }

  PollingLoop nextLoop() {
    return loops[Math.floorMod(next.getAndIncrement(), loops.length)];
  }

  /** The I/O model of every loop of this group. */
  public Transport transport() {
    return transport;
  }

  /** The figures of all loops summed; any thread. */
  public LoopStats stats() {
    LoopStats sum = new LoopStats(0, 0, 0, 0);
    for (PollingLoop loop : loops) {
      sum = sum.plus(loop.stats());
    }
    return sum;
  }

  void track(Acceptor acceptor) {
    if (shutdown.get()) {
      acceptor.close();
      throw new IllegalStateException("event loop group is shut down");
    }
    acceptors.add(acceptor);
  }

  void untrack(Acceptor acceptor) {
    acceptors.remove(acceptor);
  }

  boolean isShutdown() {
    return shutdown.get();
  }

  /**
   * Stops accepting on every server of this group, gives every handler {@code onShutdown}, waits up
   * to {@code grace} for the connections to close, aborts the rest, stops the loops and joins their
   * threads. Blocks; not on a loop thread. Idempotent.
   */
  public void shutdownGracefully(Duration grace) {
    for (PollingLoop loop : loops) {
      if (loop.inLoop()) {
        throw new IllegalStateException("shutdownGracefully called on loop thread " + loop.name());
      }
    }
    if (shutdown.compareAndSet(false, true)) {
      acceptors.forEach(Acceptor::close);
      acceptors.clear();
      drain(grace);
      for (PollingLoop loop : loops) {
        loop.execute(loop::terminate);
      }
    }
    for (PollingLoop loop : loops) {
      join(loop.thread());
    }
  }

  private void drain(Duration grace) {
    CountDownLatch drained = new CountDownLatch(loops.length);
    for (PollingLoop loop : loops) {
      loop.execute(() -> loop.beginShutdown(drained::countDown));
    }
    try {
      if (!drained.await(grace.toNanos(), TimeUnit.NANOSECONDS)) {
        LOG.log(
            Level.INFO, "connections still open after the grace period {0}: aborting them", grace);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void join(Thread thread) {
    boolean interrupted = false;
    while (thread.isAlive()) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** {@code shutdownGracefully(Duration.ofSeconds(5))}. */
  @Override
  public void close() {
    shutdownGracefully(Duration.ofSeconds(5));
  }

  @Override
  public String toString() {
    return "EventLoopGroup[" + transport.name() + " x " + loops.length + "]";
  }
}
