package dev.pollux.loop.internal;

import dev.pollux.loop.Timeout;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A hashed timing wheel (Varghese and Lauck): {@value #WHEEL_SIZE} buckets of {@link #TICK_NANOS}
 * each, a timer in the bucket of its deadline's tick with the number of whole turns still to wait.
 * Arming and cancelling are O(1) (a doubly linked list per bucket); expiry visits one bucket per
 * elapsed tick. Loop thread only; {@link Entry#cancel()} may be called from any thread: it wins the
 * race against running with a compare-and-set and hands the unlinking to the loop.
 */
final class TimerWheel {

  /** The timer resolution. */
  static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

  static final int WHEEL_SIZE = 512;

  private final Entry[] heads = new Entry[WHEEL_SIZE];
  private final long startNanos;
  private final List<Entry> expired = new ArrayList<>();

  /** The next tick to process; loop thread only. */
  private long currentTick;

  private int size;

  TimerWheel(long startNanos) {
    this.startNanos = startNanos;
  }

  int size() {
    return size;
  }

  /** Arms {@code entry} for its deadline. */
  void add(Entry entry) {
    long ticks = Math.ceilDiv(entry.deadlineNanos - startNanos, TICK_NANOS);
    long tick = Math.max(ticks, currentTick);
    entry.rounds = (tick - currentTick) / WHEEL_SIZE;
    int bucket = (int) (tick & (WHEEL_SIZE - 1));
    entry.bucket = bucket;
    entry.next = heads[bucket];
    entry.prev = null;
    if (heads[bucket] != null) {
      heads[bucket].prev = entry;
    }
    heads[bucket] = entry;
    size++;
  }

  /** Unlinks {@code entry} if it is armed here. */
  void remove(Entry entry) {
    if (entry.bucket < 0) {
      return;
    }
    if (entry.prev != null) {
      entry.prev.next = entry.next;
    } else {
      heads[entry.bucket] = entry.next;
    }
    if (entry.next != null) {
      entry.next.prev = entry.prev;
    }
    entry.prev = null;
    entry.next = null;
    entry.bucket = -1;
    size--;
  }

  /**
   * Nanoseconds from {@code nowNanos} until the next non-empty bucket is due, or -1 when no timer
   * is armed. Scans at most one turn of the wheel.
   */
  long nanosToNext(long nowNanos) {
    if (size == 0) {
      return -1;
    }
    for (int i = 0; i < WHEEL_SIZE; i++) {
      if (heads[(int) ((currentTick + i) & (WHEEL_SIZE - 1))] != null) {
        long due = startNanos + (currentTick + i) * TICK_NANOS;
        return Math.max(0, due - nowNanos);
      }
    }
    return Math.max(0, startNanos + (currentTick + WHEEL_SIZE) * TICK_NANOS - nowNanos);
  }

  /**
   * Unlinks every timer due at {@code nowNanos} and returns them in an internal list, valid until
   * the next call; the caller runs them (after this returns, so that a task may arm new timers).
   */
  List<Entry> expire(long nowNanos) {
    expired.clear();
    long nowTick = Math.floorDiv(nowNanos - startNanos, TICK_NANOS);
    while (currentTick <= nowTick) {
      Entry entry = heads[(int) (currentTick & (WHEEL_SIZE - 1))];
      while (entry != null) {
        Entry next = entry.next;
        if (entry.rounds <= 0) {
          remove(entry);
          expired.add(entry);
        } else {
          entry.rounds--;
        }
        entry = next;
      }
      currentTick++;
    }
    return expired;
  }

  /** A timer: its deadline, its task and its place in the wheel. */
  static final class Entry implements Timeout {
    private static final int ARMED = 0;
    private static final int CANCELLED = 1;
    private static final int RUN = 2;

    final long deadlineNanos;
    final Runnable task;
    private final PollingLoop loop;
    private final AtomicInteger state = new AtomicInteger(ARMED);
    private Entry prev;
    private Entry next;
    private int bucket = -1;
    private long rounds;

    Entry(PollingLoop loop, long deadlineNanos, Runnable task) {
      this.loop = loop;
      this.deadlineNanos = deadlineNanos;
      this.task = task;
    }

    /** Claims the timer for running; false when it was cancelled. */
    boolean claim() {
      return state.compareAndSet(ARMED, RUN);
    }

    @Override
    public boolean cancel() {
      if (!state.compareAndSet(ARMED, CANCELLED)) {
        return false;
      }
      loop.cancelTimer(this);
      return true;
    }
  }
}
