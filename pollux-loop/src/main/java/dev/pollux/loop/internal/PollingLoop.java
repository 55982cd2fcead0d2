package dev.pollux.loop.internal;

import dev.pollux.loop.EventLoop;
import dev.pollux.loop.FatalErrorPolicy;
import dev.pollux.loop.LoopStats;
import dev.pollux.loop.Timeout;
import dev.pollux.loop.spi.Poller;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An {@link EventLoop} on one platform thread and one {@link Poller}, whatever the transport.
 *
 * <p><b>Design.</b> Each iteration waits for readiness (no longer than the next timer and not at
 * all when tasks or flushes are pending), then, in order: dispatches the ready sockets, runs the
 * expired timers, runs the queued tasks, and flushes every connection that queued output in this
 * iteration — so the several responses written during one iteration go out in one vectored write.
 * Other threads only touch the task queue and the wake-up flag: {@link #execute} sets the flag and
 * wakes the poller only on the flag's false-to-true edge, and the loop clears it just before it
 * looks at the queue and waits, so a task queued after that look always finds the flag clear and
 * wakes the wait (the race Netty's {@code wakenUp} comments describe).
 *
 * <p>The loop counts the bytes its connections hold, and after each iteration its {@link
 * LoopBudget} closes the biggest of them if the group stays over its budget. An {@link Error} that
 * reaches the top of the loop (an {@link OutOfMemoryError} anywhere, or any error outside a
 * handler) goes to the group's {@link FatalErrorPolicy}; the loop never resumes after one.
 */
public final class PollingLoop implements EventLoop {

  private static final System.Logger LOG = System.getLogger(PollingLoop.class.getName());

  /** The loop's read buffer: one read's worth, shared by all its connections. */
  static final int READ_BUFFER_BYTES = 16 * 1024;

  /** Tasks run per iteration at most, so that a flood of tasks cannot starve I/O. */
  private static final int MAX_TASKS_PER_ITERATION = 1024;

  /**
   * Connections whose writes may wait for the end of the iteration while tasks run; past this many
   * they are flushed between two tasks. A fan-out (an event to a thousand streams, one task each)
   * would otherwise keep every client's bytes until the iteration ends: more than the young
   * generation's survivor space of a small heap holds, so they were promoted and filled the old
   * generation with garbage (docs/footprint.md).
   */
  static final int FLUSH_AFTER_CONNECTIONS = 32;

  /** Buffers gathered into one vectored write at most (IOV_MAX is 1024 on Linux). */
  static final int MAX_GATHER = 64;

  private enum State {
    RUNNING,
    DRAINING,
    TERMINATING,
    TERMINATED
  }

  private final String name;
  private final Poller poller;
  private final Thread thread;
  private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean wakeupPending = new AtomicBoolean();
  private final LoopBudget budget;
  private final FatalErrorPolicy fatalErrorPolicy;
  private final FailedWaits failedWaits;

  // Loop thread only.
  private final TimerWheel wheel;
  private final ArrayDeque<TcpConnection> flushQueue = new ArrayDeque<>();
  private final Set<TcpConnection> connections = new HashSet<>();
  private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(READ_BUFFER_BYTES);
  private final ByteBuffer[] gather = new ByteBuffer[MAX_GATHER];
  private final List<Runnable> afterWait = new ArrayList<>();
  private long nanoTime;
  private Runnable onDrained;

  private volatile State state = State.RUNNING;

  // Written by the loop thread only, read racily by stats(): a reader may see slightly old values.
  private long iterations;
  private long tasksRun;
  private long busyNanos;
  private long timersFired;

  public PollingLoop(
      String name, Poller poller, MemoryGuard guard, FatalErrorPolicy fatalErrorPolicy) {
    this.name = name;
    this.poller = poller;
    this.budget = new LoopBudget(this, guard);
    this.fatalErrorPolicy = fatalErrorPolicy;
    this.failedWaits = new FailedWaits(name, LOG);
    this.nanoTime = System.nanoTime();
    this.wheel = new TimerWheel(nanoTime);
    this.thread = new Thread(this::run, name);
  }

  /** Starts the loop's thread. */
  public void start() {
    thread.start();
  }

  /** The loop's thread, for joining it. */
  public Thread thread() {
    return thread;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public boolean inLoop() {
    return Thread.currentThread() == thread;
  }

  @Override
  public long nanoTime() {
    return nanoTime;
  }

  @Override
  public void execute(Runnable task) {
    if (state == State.TERMINATED) {
      LOG.log(Level.DEBUG, "{0}: task submitted after shutdown dropped", name);
      return;
    }
    tasks.add(task);
    if (!inLoop() && wakeupPending.compareAndSet(false, true)) {
      poller.wakeup();
    }
  }

  @Override
  public Timeout schedule(Duration delay, Runnable task) {
    return scheduleNanos(delay.toNanos(), task);
  }

  /** {@link #schedule} without the {@link Duration}. */
  Timeout scheduleNanos(long delayNanos, Runnable task) {
    long deadline = System.nanoTime() + Math.max(0, delayNanos);
    TimerWheel.Entry entry = new TimerWheel.Entry(this, deadline, task);
    if (inLoop()) {
      wheel.add(entry);
    } else {
      execute(() -> wheel.add(entry));
    }
    return entry;
  }

  /** Called by {@link TimerWheel.Entry#cancel()} once it has won the race against running. */
  void cancelTimer(TimerWheel.Entry entry) {
    if (inLoop()) {
      wheel.remove(entry);
    } else {
      execute(() -> wheel.remove(entry));
    }
  }

  /** The figures of this loop, read racily. */
  public LoopStats stats() {
    return new LoopStats(
        iterations,
        tasksRun,
        busyNanos,
        timersFired,
        budget.heldBytes(),
        budget.closedOverBudget());
  }

  /** The bytes this loop's connections hold now; any thread. */
  long heldBytes() {
    return budget.heldBytes();
  }

  /** Adds {@code delta} to the bytes this loop's connections hold; loop thread only. */
  void addHeldBytes(long delta) {
    budget.add(delta);
  }

  /** Whether the group holds more than its memory budget's high mark now: reads wait. */
  boolean overMemoryBudget() {
    return budget.guard().exceeded();
  }

  /**
   * {@code connection} stopped reading, or was told it is not writable, for the memory budget;
   * {@link TcpConnection#memoryReleased()} follows once the group is back under it.
   */
  void waitForMemory(TcpConnection connection) {
    budget.hold(connection);
  }

  /** Makes the loop run an iteration soon; any thread. */
  void wakeUp() {
    execute(PollingLoop::nothing);
  }

  /** A task that only makes the loop run an iteration. */
  static void nothing() {}

  long largestHeldBytes() {
    return budget.largestHeldBytes();
  }

  MemoryGuard memoryGuard() {
    return budget.guard();
  }

  /** Whether the loop's thread has ended (shut down, or stopped by a fatal error). */
  public boolean isTerminated() {
    return state == State.TERMINATED;
  }

  /**
   * Runs {@code task} on the loop thread right after its next wait for readiness; loop thread only.
   * A JDK selector releases a closed channel's descriptor only in its next select, so whoever must
   * know that a socket is really gone (a closed listener's port is free) waits for this.
   */
  void executeAfterWait(Runnable task) {
    afterWait.add(task);
  }

  Poller poller() {
    return poller;
  }

  ByteBuffer readBuffer() {
    return readBuffer;
  }

  ByteBuffer[] gatherArray() {
    return gather;
  }

  /** Whether new connections are still taken; loop thread only. */
  boolean accepting() {
    return state == State.RUNNING;
  }

  void added(TcpConnection connection) {
    connections.add(connection);
  }

  void removed(TcpConnection connection) {
    connections.remove(connection);
    if (state == State.DRAINING) {
      checkDrained();
    }
  }

  /** Queues {@code connection} for the flush at the end of this iteration. */
  void flushLater(TcpConnection connection) {
    flushQueue.add(connection);
  }

  /**
   * Starts a graceful shutdown on the loop thread: every connection's handler gets {@code
   * onShutdown}; {@code drained} runs once no connection is left.
   */
  public void beginShutdown(Runnable drained) {
    if (state != State.RUNNING) {
      return;
    }
    state = State.DRAINING;
    onDrained = drained;
    for (TcpConnection connection : new ArrayList<>(connections)) {
      connection.shutdown();
    }
    checkDrained();
  }

  private void checkDrained() {
    if (connections.isEmpty() && onDrained != null) {
      Runnable drained = onDrained;
      onDrained = null;
      drained.run();
    }
  }

  /** Aborts every connection left and stops the loop after this iteration; loop thread only. */
  public void terminate() {
    state = State.TERMINATING;
    onDrained = null;
    for (TcpConnection connection : new ArrayList<>(connections)) {
      connection.abortOnShutdown();
    }
  }

  private void run() {
    try {
      while (state != State.TERMINATING) {
        try {
          iterate();
        } catch (RuntimeException e) {
          // A bug outside any handler (those are caught per connection): keep serving the rest.
          LOG.log(Level.ERROR, name + ": unexpected failure in the loop; going on", e);
        }
      }
    } catch (Error e) { // a loop must never die silently: the policy decides what follows
      fatal(e);
    } finally {
      state = State.TERMINATED;
      tasks.clear();
      runAfterWait();
      try {
        poller.close();
      } catch (IOException e) {
        LOG.log(Level.WARNING, name + ": closing the poller failed", e);
      }
    }
  }

  /** Hands {@code error} to the policy and, if it returns, aborts every connection left. */
  private void fatal(Error error) {
    state = State.TERMINATING;
    try {
      fatalErrorPolicy.onFatalError(this, error);
    } finally {
      onDrained = null;
      for (TcpConnection connection : new ArrayList<>(connections)) {
        try {
          connection.abortOnShutdown();
        } catch (RuntimeException | Error e) {
          LOG.log(Level.DEBUG, "{0}: aborting {1} after a fatal error: {2}", name, connection, e);
        }
      }
    }
  }

  private void iterate() {
    await();
    long start = System.nanoTime();
    nanoTime = start;
    runAfterWait();
    poller.dispatch();
    runTimers();
    runTasks();
    flush();
    budget.check(connections);
    iterations++;
    busyNanos += System.nanoTime() - start;
  }

  /** Waits for readiness; a failure is logged by {@link FailedWaits}, and the iteration goes on. */
  private void await() {
    try {
      poller.await(waitNanos());
      failedWaits.worked();
    } catch (IOException e) {
      failedWaits.failed(e);
    }
  }

  private void runAfterWait() {
    if (!afterWait.isEmpty()) {
      List<Runnable> run = new ArrayList<>(afterWait);
      afterWait.clear();
      run.forEach(this::runSafely);
    }
  }

  private long waitNanos() {
    // Clear before looking at the queue: see the class comment.
    wakeupPending.set(false);
    if (!tasks.isEmpty() || !flushQueue.isEmpty() || !afterWait.isEmpty()) {
      return 0;
    }
    return wheel.nanosToNext(System.nanoTime());
  }

  private void runTimers() {
    List<TimerWheel.Entry> expired = wheel.expire(nanoTime);
    for (int i = 0; i < expired.size(); i++) {
      TimerWheel.Entry entry = expired.get(i);
      if (entry.claim()) {
        timersFired++;
        runSafely(entry.task);
      }
    }
  }

  private void runTasks() {
    for (int i = 0; i < MAX_TASKS_PER_ITERATION; i++) {
      Runnable task = tasks.poll();
      if (task == null) {
        return;
      }
      tasksRun++;
      runSafely(task);
      if (flushQueue.size() >= FLUSH_AFTER_CONNECTIONS) {
        flush(); // between two tasks, as at the end of the iteration: no handler is running
      }
    }
  }

  private void runSafely(Runnable task) {
    try {
      task.run();
    } catch (RuntimeException | Error e) {
      if (e instanceof VirtualMachineError) {
        throw e;
      }
      LOG.log(Level.WARNING, name + ": task " + task + " failed", e);
    }
  }

  private void flush() {
    // A connection flushed here may queue again (onWritable writes): it is taken next iteration.
    int count = flushQueue.size();
    for (int i = 0; i < count; i++) {
      flushQueue.poll().flush();
    }
  }

  @Override
  public String toString() {
    return name;
  }
}
