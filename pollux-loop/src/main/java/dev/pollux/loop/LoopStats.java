package dev.pollux.loop;

/**
 * Figures of one loop or, summed, of a group. Read racily: a snapshot may be a few iterations old
 * and its fields need not be from the same instant.
 *
 * @param iterations iterations of the loop
 * @param tasksRun tasks run
 * @param busyNanos nanoseconds spent working (not waiting for readiness)
 * @param timersFired timers fired
 * @param heldBytes bytes the loop's connections hold now, as counted against the {@link
 *     MemoryBudget}
 * @param closedOverBudget connections closed to bring the group back under its memory budget
 */
public record LoopStats(
    long iterations,
    long tasksRun,
    long busyNanos,
    long timersFired,
    long heldBytes,
    long closedOverBudget) {

  /** The figures of a loop that counts no memory (as before the budget existed). */
  public LoopStats(long iterations, long tasksRun, long busyNanos, long timersFired) {
    this(iterations, tasksRun, busyNanos, timersFired, 0, 0);
  }

  /** The field-wise sum of this and {@code other}. */
  public LoopStats plus(LoopStats other) {
    return new LoopStats(
        iterations + other.iterations,
        tasksRun + other.tasksRun,
        busyNanos + other.busyNanos,
        timersFired + other.timersFired,
        heldBytes + other.heldBytes,
        closedOverBudget + other.closedOverBudget);
  }
}
