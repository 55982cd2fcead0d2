package dev.pollux.loop;

/**
 * Figures of one loop or, summed, of a group: iterations of the loop, tasks run, nanoseconds spent
 * working (not waiting for readiness) and timers fired. Read racily: a snapshot may be a few
 * iterations old and its fields need not be from the same instant.
 */
public record LoopStats(long iterations, long tasksRun, long busyNanos, long timersFired) {

  /** The field-wise sum of this and {@code other}. */
  public LoopStats plus(LoopStats other) {
    return new LoopStats(
        iterations + other.iterations,
        tasksRun + other.tasksRun,
        busyNanos + other.busyNanos,
        timersFired + other.timersFired);
  }
}
