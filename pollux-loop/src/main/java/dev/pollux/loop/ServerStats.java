package dev.pollux.loop;

/**
 * Counters of one TCP server. Read racily from any thread: the fields need not be from the same
 * instant.
 *
 * @param openConnections connections open now
 * @param accepted connections accepted since start
 * @param refused connections refused since start, for any reason (over {@code maxConnections} or
 *     over the group's {@link MemoryBudget})
 * @param bytesRead bytes read since start
 * @param bytesWritten bytes written since start
 * @param refusedOverBudget the part of {@code refused} refused because the group's connections held
 *     more than its memory budget
 */
public record ServerStats(
    long openConnections,
    long accepted,
    long refused,
    long bytesRead,
    long bytesWritten,
    long refusedOverBudget) {

  /** Counters without memory refusals (as before the budget existed). */
  public ServerStats(
      long openConnections, long accepted, long refused, long bytesRead, long bytesWritten) {
    this(openConnections, accepted, refused, bytesRead, bytesWritten, 0);
  }
}
