package dev.pollux.loop.internal;

import dev.pollux.loop.spi.Pollable;
import dev.pollux.loop.spi.Poller;
import dev.pollux.loop.spi.ReadyHandler;
import dev.pollux.loop.spi.Registration;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * The {@link Poller} of the blocking transports: readiness emulated by the sockets' own threads.
 *
 * <p><b>Design.</b> A reader or writer thread that changes what its socket can do posts the
 * socket's {@link Watch} to a queue and unparks the loop thread (once per watch until the loop
 * takes it, and one unpark however many arrive, like {@code wakeup}). {@link #await} parks until
 * the queue is not empty, a wake-up comes or the timeout passes, then asks each posted socket for
 * its readiness and keeps those ready for their interest. Level-triggered behaviour comes from the
 * loop side: after {@link #dispatch()}, and whenever an interest set grows, a socket still ready
 * for its interest is queued again by the loop itself. The threads only post on edges (input
 * arrived into an empty buffer, room came back for a writer that was refused), so a suspended or
 * stalled connection causes no wake-ups.
 *
 * <p>The poller also holds the sockets whose orderly close is still flushing their last bytes: a
 * peer that does not read would keep a writer thread blocked for ever, so after {@link
 * #CLOSE_LINGER_NANOS} (or when the poller closes) such a socket is aborted, as the kernel gives up
 * on an orphaned socket.
 */
public final class BlockingPoller implements Poller {

  /** How long an orderly close may take to flush what its socket still buffers. */
  static final long CLOSE_LINGER_NANOS = TimeUnit.SECONDS.toNanos(10);

  /** How long {@link #close()} waits for the I/O threads to end. */
  private static final long THREAD_EXIT_NANOS = TimeUnit.SECONDS.toNanos(5);

  /** How long {@link #close()} lets lingering closes flush before it aborts them. */
  private static final long CLOSE_FLUSH_NANOS = TimeUnit.SECONDS.toNanos(2);

  private static final System.Logger LOG = System.getLogger(BlockingPoller.class.getName());

  private final Queue<Watch> posted = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean signalled = new AtomicBoolean();
  private volatile Thread waiter;

  /** The I/O threads of this poller's sockets still running, joined on close. */
  private final Set<Thread> threads = ConcurrentHashMap.newKeySet();

  // Loop thread only.
  private final List<Watch> ready = new ArrayList<>();
  private final ArrayDeque<Lingering> lingering = new ArrayDeque<>();
  private long batch;

  @Override
  public Registration register(Pollable socket, int interest, ReadyHandler handler) {
    if (!(socket instanceof BlockingPollable blocking)) {
      throw new IllegalArgumentException("not a socket of a blocking transport: " + socket);
    }
    Watch watch = new Watch(this, blocking, handler, interest);
    blocking.attach(watch);
    watch.requeueIfReady();
    return watch;
  }

  @Override
  public int await(long timeoutNanos) {
    waiter = Thread.currentThread();
    ready.clear();
    long now = System.nanoTime();
    long timeout = reapLingering(now, timeoutNanos);
    long deadline = now + timeout;
    while (timeout != 0 && posted.isEmpty() && !signalled.get()) {
      if (timeout < 0) {
        LockSupport.park(this);
      } else {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          break;
        }
        LockSupport.parkNanos(this, left);
      }
    }
    signalled.set(false);
    collect();
    return ready.size();
  }

  /** Takes the posted watches that are ready for their interest, each once per batch. */
  private void collect() {
    batch++;
    Watch watch;
    while ((watch = posted.poll()) != null) {
      watch.queued.set(false);
      if (watch.cancelled || watch.batch == batch) {
        continue;
      }
      int ops = watch.socket.readyOps() & watch.interest;
      if (ops != 0) {
        watch.batch = batch;
        watch.readyOps = ops;
        ready.add(watch);
      }
    }
  }

  @Override
  public void dispatch() {
    for (int i = 0; i < ready.size(); i++) {
      Watch watch = ready.get(i);
      // A watch cancelled earlier in this batch (its connection closed) must not be dispatched.
      if (!watch.cancelled) {
        watch.handler.ready(watch.readyOps);
      }
    }
    // Level-triggered: whatever is still ready for its interest is reported again next time.
    for (int i = 0; i < ready.size(); i++) {
      ready.get(i).requeueIfReady();
    }
    ready.clear();
  }

  @Override
  public void wakeup() {
    if (signalled.compareAndSet(false, true)) {
      Thread thread = waiter;
      if (thread != null) {
        LockSupport.unpark(thread);
      }
    }
  }

  /** Starts an I/O thread of one of this poller's sockets; {@link #close()} waits for it. */
  Thread start(IoThreads kind, String role, Runnable task) {
    Thread thread =
        kind.unstarted(
            role,
            () -> {
              try {
                task.run();
              } finally {
                threads.remove(Thread.currentThread());
              }
            });
    threads.add(thread);
    thread.start();
    return thread;
  }

  /** Keeps {@code socket}, whose close is flushing, until it is released or its time is up. */
  void linger(BlockingPollable socket) {
    lingering.add(new Lingering(socket, System.nanoTime() + CLOSE_LINGER_NANOS));
  }

  /** Drops released lingering sockets, aborts expired ones; returns the timeout to wait. */
  private long reapLingering(long now, long timeoutNanos) {
    while (!lingering.isEmpty()) {
      Lingering head = lingering.peek();
      if (head.socket.released()) {
        lingering.poll();
      } else if (head.deadline - now <= 0) {
        lingering.poll();
        head.socket.abortQuietly();
      } else {
        long untilHead = head.deadline - now;
        return timeoutNanos < 0 ? untilHead : Math.min(timeoutNanos, untilHead);
      }
    }
    return timeoutNanos;
  }

  /**
   * Gives the sockets still lingering a short while to flush (their orderly close must not become a
   * reset because the loop stopped), aborts those left, and waits for every I/O thread to end: by
   * now the loop has closed or aborted all its connections, which ends their blocking calls.
   */
  @Override
  public void close() {
    joinThreads(System.nanoTime() + CLOSE_FLUSH_NANOS, false);
    for (Lingering entry : lingering) {
      entry.socket.abortQuietly();
    }
    lingering.clear();
    posted.clear();
    joinThreads(System.nanoTime() + THREAD_EXIT_NANOS, true);
  }

  /** Waits until the I/O threads have ended or {@code deadline} passes. */
  private void joinThreads(long deadline, boolean warn) {
    boolean interrupted = false;
    for (Thread thread : threads) {
      try {
        long left = deadline - System.nanoTime();
        if ((left <= 0 || !thread.join(Duration.ofNanos(left))) && warn) {
          LOG.log(Level.WARNING, "{0} still running after its poller closed", thread.getName());
        }
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** A socket whose orderly close is flushing, and when to give up on it. */
  private record Lingering(BlockingPollable socket, long deadline) {}

  /** A socket's registration: its interest, its handler, and whether it is queued. */
  public static final class Watch implements Registration {
    private final BlockingPoller poller;
    private final BlockingPollable socket;
    private final ReadyHandler handler;
    private final AtomicBoolean queued = new AtomicBoolean();
    private volatile int interest;
    private volatile boolean cancelled;

    // Loop thread only.
    private long batch;
    private int readyOps;

    Watch(BlockingPoller poller, BlockingPollable socket, ReadyHandler handler, int interest) {
      this.poller = poller;
      this.socket = socket;
      this.handler = handler;
      this.interest = interest;
    }

    /** The poller, for a socket that must linger on close. */
    BlockingPoller poller() {
      return poller;
    }

    /** Tells the loop that the socket's readiness may have changed; any thread. */
    void post() {
      if (!cancelled && queued.compareAndSet(false, true)) {
        poller.posted.add(this);
        poller.wakeup();
      }
    }

    /** Queues this watch for the next batch if it is ready for its interest; loop thread. */
    private void requeueIfReady() {
      if (!cancelled && (socket.readyOps() & interest) != 0 && queued.compareAndSet(false, true)) {
        poller.posted.add(this);
      }
    }

    @Override
    public void interest(int ops) {
      int before = interest;
      interest = ops;
      if ((ops & ~before) != 0) {
        requeueIfReady();
      }
    }

    @Override
    public int interest() {
      return interest;
    }

    @Override
    public void cancel() {
      cancelled = true;
    }
  }
}
