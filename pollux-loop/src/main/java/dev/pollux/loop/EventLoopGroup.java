package dev.pollux.loop;

import dev.pollux.loop.internal.Acceptor;
import dev.pollux.loop.internal.MemoryGuard;
import dev.pollux.loop.internal.PollingLoop;
import dev.pollux.loop.spi.Poller;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
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
  private final MemoryGuard guard;

  private EventLoopGroup(Transport transport, PollingLoop[] loops, MemoryGuard guard) {
    this.transport = transport;
    this.loops = loops;
    this.guard = guard;
  }

  /**
   * Opens {@code loops} pollers of {@code transport} and starts a thread for each, with the default
   * {@link MemoryBudget} and {@link FatalErrorPolicy}; {@link #builder} sets them.
   */
  public static EventLoopGroup create(Transport transport, int loops) {
    return builder(transport).loops(loops).build();
  }

  /** A builder of a group on {@code transport}: one loop, the default budget and policy. */
  public static Builder builder(Transport transport) {
    return new Builder(transport);
  }

  private static EventLoopGroup create(Builder settings) {
    Transport transport = settings.transport;
    int loops = settings.loops;
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
    MemoryGuard guard = new MemoryGuard(settings.budget);
    PollingLoop[] created = new PollingLoop[loops];
    for (int i = 0; i < loops; i++) {
      String name = "pollux-" + transport.name() + "-" + i;
      created[i] = new PollingLoop(name, pollers[i], guard, settings.fatalErrorPolicy);
    }
    guard.loops(created);
    for (PollingLoop loop : created) {
      loop.start();
    }
    return new EventLoopGroup(transport, created, guard);
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
    LoopStats sum = new LoopStats(0, 0, 0, 0, 0, 0);
    for (PollingLoop loop : loops) {
      sum = sum.plus(loop.stats());
    }
    return sum;
  }

  /**
   * The bytes the connections of all loops hold now, as counted against the {@link MemoryBudget}:
   * the sum of each loop's latest figure; any thread.
   */
  public long heldBytes() {
    return guard.heldBytes();
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
      if (loop.isTerminated()) {
        drained.countDown(); // stopped by a fatal error: nothing left to drain
      } else {
        loop.execute(() -> loop.beginShutdown(drained::countDown));
      }
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

  /** Settings of an {@link EventLoopGroup}. */
  public static final class Builder {
    private final Transport transport;
    private int loops = 1;
    private MemoryBudget budget = MemoryBudget.defaults();
    private FatalErrorPolicy fatalErrorPolicy = FatalErrorPolicy.stopLoop();

    private Builder(Transport transport) {
      this.transport = Objects.requireNonNull(transport, "transport");
    }

    /** The number of loops, each on its own thread; default 1. */
    public Builder loops(int loops) {
      if (loops < 1) {
        throw new IllegalArgumentException("loops < 1: " + loops);
      }
      this.loops = loops;
      return this;
    }

    /** The bytes all connections may hold together; default {@link MemoryBudget#defaults()}. */
    public Builder memoryBudget(MemoryBudget budget) {
      this.budget = Objects.requireNonNull(budget, "budget");
      return this;
    }

    /**
     * What an {@link Error} that reaches a loop's top does; default {@link
     * FatalErrorPolicy#stopLoop()}.
     */
    public Builder fatalErrorPolicy(FatalErrorPolicy policy) {
      this.fatalErrorPolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** Opens the pollers and starts the loops. */
    public EventLoopGroup build() {
      return create(this);
    }
  }
}
