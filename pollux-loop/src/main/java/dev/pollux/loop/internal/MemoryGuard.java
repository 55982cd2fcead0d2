package dev.pollux.loop.internal;

import dev.pollux.loop.MemoryBudget;

/**
 * A group's {@link MemoryBudget} at work: the sum of its loops' held bytes, read without locks.
 *
 * <p>Each loop keeps its own total (written by its thread only, published with release stores), so
 * that counting costs the hot path one addition; this class adds the loops' totals when someone
 * asks. When the group is over its budget each loop also publishes the largest figure of its own
 * connections, so that the loops close the group's biggest connections first without looking at
 * each other's. The loops are set once, before their threads start.
 */
public final class MemoryGuard {

  private final long highBytes;
  private final long lowBytes;
  private final long hardBytes;
  private final long shedDelayNanos;
  private PollingLoop[] loops = new PollingLoop[0];

  public MemoryGuard(MemoryBudget budget) {
    this.highBytes = budget.highBytes();
    this.lowBytes = budget.lowBytes();
    this.hardBytes = highBytes > Long.MAX_VALUE / 2 ? Long.MAX_VALUE : 2 * highBytes;
    this.shedDelayNanos = budget.shedDelay().toNanos();
  }

  /** The loops whose bytes count; called once, before any of them starts. */
  public void loops(PollingLoop... loops) {
    this.loops = loops.clone();
  }

  /** The bytes held by every loop's connections now (approximate: each loop's last figure). */
  public long heldBytes() {
    long sum = 0;
    for (PollingLoop loop : loops) {
      sum += loop.heldBytes();
    }
    return sum;
  }

  /** Whether the group holds more than its high mark. */
  boolean exceeded() {
    return highBytes != Long.MAX_VALUE && heldBytes() > highBytes;
  }

  /** Whether {@code totalBytes} is so far over that shedding cannot wait for the delay. */
  boolean farOver(long totalBytes) {
    return totalBytes > hardBytes;
  }

  /** Whether the group is back under its low mark. */
  boolean belowLow() {
    return heldBytes() <= lowBytes;
  }

  /** The largest figure another loop than {@code self} last published for one connection. */
  long largestElsewhere(PollingLoop self) {
    long largest = 0;
    for (PollingLoop loop : loops) {
      if (loop != self) {
        largest = Math.max(largest, loop.largestHeldBytes());
      }
    }
    return largest;
  }

  /** Makes every loop but {@code self} run an iteration, whose end checks the budget. */
  void wakeOthers(PollingLoop self) {
    for (PollingLoop loop : loops) {
      if (loop != self) {
        loop.wakeUp();
      }
    }
  }

  long highBytes() {
    return highBytes;
  }

  long shedDelayNanos() {
    return shedDelayNanos;
  }
}
