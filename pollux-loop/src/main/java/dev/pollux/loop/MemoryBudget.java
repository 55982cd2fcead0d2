package dev.pollux.loop;

import java.time.Duration;
import java.util.Objects;

/**
 * How many bytes the connections of an {@link EventLoopGroup} may hold together: what their
 * handlers report holding ({@link Connection#reportHeldBytes}), their queued output, their TLS
 * buffers and a fixed cost per open connection.
 *
 * <p>Above {@code highBytes} every server of the group refuses new connections with its refusal
 * (the same bytes as over {@code maxConnections}: HTTP's {@code 503}, the TCP protocol's {@code ERR
 * busy}). If the group is still above it after {@code shedDelay} (time for queues to drain on their
 * own), or at once above twice {@code highBytes}, the loops close the connections that hold the
 * most, biggest first across the group, until the group is back under {@code lowBytes}. Each loop
 * counts its own bytes and the sum is read without locks, so it may be an iteration old: the budget
 * is a guard against running out of heap, not an exact quota.
 *
 * @param highBytes the total above which the group refuses, then sheds
 * @param lowBytes the total the shedding brings the group back under
 * @param shedDelay how long the group may stay above {@code highBytes} before it closes connections
 */
public record MemoryBudget(long highBytes, long lowBytes, Duration shedDelay) {

  /** The share of the heap ({@link Runtime#maxMemory()}) a group's connections may hold. */
  public static final double DEFAULT_HEAP_FRACTION = 0.25;

  /** How long the group may stay over its budget before it closes connections, by default. */
  public static final Duration DEFAULT_SHED_DELAY = Duration.ofSeconds(1);

  /** The low mark as a share of the high mark. */
  private static final double LOW_OF_HIGH = 0.75;

  public MemoryBudget {
    if (highBytes < 1 || lowBytes < 0 || lowBytes > highBytes) {
      throw new IllegalArgumentException(
          "need 0 <= lowBytes <= highBytes, 1 <= highBytes: " + lowBytes + ", " + highBytes);
    }
    Objects.requireNonNull(shedDelay, "shedDelay");
    if (shedDelay.isNegative()) {
      throw new IllegalArgumentException("shedDelay < 0: " + shedDelay);
    }
  }

  /** {@code ofHeap(DEFAULT_HEAP_FRACTION)}: a quarter of the heap. */
  public static MemoryBudget defaults() {
    return ofHeap(DEFAULT_HEAP_FRACTION);
  }

  /**
   * {@code fraction} of this JVM's maximum heap as the high mark, three quarters of it as the low
   * mark; e.g. with {@code -Xmx64m}, about 15 MiB and 11 MiB for a quarter.
   */
  public static MemoryBudget ofHeap(double fraction) {
    if (!(fraction > 0 && fraction <= 1)) {
      throw new IllegalArgumentException("fraction not in (0, 1]: " + fraction);
    }
    return ofBytes((long) (Runtime.getRuntime().maxMemory() * fraction));
  }

  /** {@code highBytes} as the high mark, three quarters of it as the low mark. */
  public static MemoryBudget ofBytes(long highBytes) {
    return new MemoryBudget(highBytes, (long) (highBytes * LOW_OF_HIGH), DEFAULT_SHED_DELAY);
  }

  /** No budget: nothing is refused or closed for memory. */
  public static MemoryBudget unlimited() {
    return new MemoryBudget(Long.MAX_VALUE, Long.MAX_VALUE, DEFAULT_SHED_DELAY);
  }

  /** This budget with another shed delay. */
  public MemoryBudget withShedDelay(Duration delay) {
    return new MemoryBudget(highBytes, lowBytes, delay);
  }
}
