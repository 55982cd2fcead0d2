package dev.pollux.loop.internal;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One loop's share of its group's {@link MemoryGuard}: the bytes its connections hold, and the
 * shedding of the biggest of them when the group stays over its budget.
 *
 * <p>The count is written by the loop thread only (a plain read and a release store: no lock, no
 * fence on x86) and read by any thread. After each iteration {@link #check} looks at the group's
 * sum; the first time it is over, the loop tells the other loops and arms a timer for the shed
 * delay (new connections are refused meanwhile); once the delay has passed, or at once when the
 * group is far over, it closes its connections that hold the most, biggest first, while the group
 * is above its low mark and no other loop has published a bigger one.
 *
 * <p>Over the high mark nothing new is made either ({@link #hold}). No connection reads: a read can
 * turn into a write queue's worth of output, and a thousand connections ready in one iteration
 * would otherwise add a thousand of them before its end. And every connection says it is not
 * writable, so that streams keep their next events in their own bounded queues. The held
 * connections read again, and hear {@code onWritable}, after the first check that finds the group
 * at or under the high mark; while any is held, the loop looks every {@link #RECHECK_NANOS}, since
 * what brings the group down (clients reading, another loop shedding) need not wake this one.
 */
final class LoopBudget {

  private static final System.Logger LOG = System.getLogger(LoopBudget.class.getName());

  /** Shedding is logged at most this often (a flood of connections would repeat it each pass). */
  private static final long SHED_LOG_NANOS = TimeUnit.SECONDS.toNanos(10);

  /**
   * How much bigger another loop's largest connection must be for this loop to leave its own alone.
   * Without it, a few hundred peers each pinning a write queue's worth (all within bytes of each
   * other) were shed a handful at a time: each loop stopped at the first that was a byte smaller
   * than the other loop's largest, and the group hovered at its high mark, refusing newcomers,
   * instead of going down to its low mark.
   */
  static final long SHED_TIE_BYTES = 64 * 1024;

  /** How often a loop with connections held for memory looks whether they may read again. */
  static final long RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

  private final PollingLoop loop;
  private final MemoryGuard guard;
  private final AtomicLong heldBytes = new AtomicLong();
  private final List<TcpConnection> heldForMemory = new ArrayList<>();

  /** The largest figure of one of this loop's connections, as of the last check over budget. */
  private volatile long largestHeldBytes;

  // Loop thread only; closedOverBudget is read racily by the stats.
  private boolean over;
  private long overSinceNanos;
  private long lastShedLogNanos;
  private long closedOverBudget;
  private boolean recheckArmed;

  LoopBudget(PollingLoop loop, MemoryGuard guard) {
    this.loop = loop;
    this.guard = guard;
  }

  MemoryGuard guard() {
    return guard;
  }

  /** The bytes this loop's connections hold now; any thread. */
  long heldBytes() {
    return heldBytes.getAcquire();
  }

  /** Adds {@code delta} to the bytes this loop's connections hold; loop thread only. */
  void add(long delta) {
    heldBytes.setRelease(heldBytes.getPlain() + delta);
  }

  long largestHeldBytes() {
    return largestHeldBytes;
  }

  long closedOverBudget() {
    return closedOverBudget;
  }

  /** {@code connection} stopped reading, or said it is not writable, for the high mark. */
  void hold(TcpConnection connection) {
    heldForMemory.add(connection);
  }

  /** Runs after each iteration of the loop, whose connections are {@code connections}. */
  void check(Collection<TcpConnection> connections) {
    if (!guard.exceeded()) {
      over = false;
      releaseHeld();
      return;
    }
    if (!heldForMemory.isEmpty() && !recheckArmed) {
      recheckArmed = true;
      loop.scheduleNanos(RECHECK_NANOS, () -> recheckArmed = false); // check again then
    }
    long now = loop.nanoTime();
    long total = guard.heldBytes();
    if (!over) {
      over = true;
      overSinceNanos = now;
      publishLargest(connections);
      guard.wakeOthers(loop);
      loop.scheduleNanos(guard.shedDelayNanos(), PollingLoop::nothing); // check again then
    }
    if (now - overSinceNanos >= guard.shedDelayNanos() || guard.farOver(total)) {
      shed(total, connections, now);
    }
  }

  private void shed(long total, Collection<TcpConnection> connections, long now) {
    List<TcpConnection> biggest = new ArrayList<>(connections);
    biggest.sort(Comparator.comparingLong(TcpConnection::heldBytes).reversed());
    long shed = 0;
    int closed = 0;
    for (TcpConnection connection : biggest) {
      if (guard.belowLow()
          || connection.heldBytes() + SHED_TIE_BYTES < guard.largestElsewhere(loop)) {
        break;
      }
      shed += connection.heldBytes();
      closed++;
      connection.closeOverBudget();
    }
    over = false;
    publishLargest(connections);
    closedOverBudget += closed;
    if (closed > 0 && (lastShedLogNanos == 0 || now - lastShedLogNanos >= SHED_LOG_NANOS)) {
      lastShedLogNanos = now;
      LOG.log(
          Level.WARNING,
          "{0}: connections held {1} bytes, over the memory budget of {2}: closed {3} holding {4}"
              + " bytes ({5} closed for memory so far)",
          loop.name(),
          total,
          guard.highBytes(),
          closed,
          shed,
          closedOverBudget);
    }
  }

  private void releaseHeld() {
    if (heldForMemory.isEmpty()) {
      return;
    }
    List<TcpConnection> released = new ArrayList<>(heldForMemory);
    heldForMemory.clear(); // a handler's onWritable may be told "not writable" again
    for (TcpConnection connection : released) {
      connection.memoryReleased(); // a closed one ignores it
    }
  }

  /** Publishes the largest figure of this loop's connections, for the other loops' shedding. */
  private void publishLargest(Collection<TcpConnection> connections) {
    long largest = 0;
    for (TcpConnection connection : connections) {
      largest = Math.max(largest, connection.heldBytes());
    }
    largestHeldBytes = largest;
  }
}
