package dev.pollux.server.tcp;

/**
 * One session's {@code watch}: which sensor (or all), how often, and when the next lines are due.
 * Loop thread only.
 */
final class Watch {

  private final String target;
  private final boolean all;
  private final long everyMillis;
  private final long toleranceMillis;
  private long nextDueMillis;

  /**
   * {@code toleranceMillis}: how early a sample may come and still count for its period — half the
   * sampling interval, so that samples a little early do not skip a whole period.
   */
  Watch(String target, boolean all, long everyMillis, long toleranceMillis) {
    this.target = target;
    this.all = all;
    this.everyMillis = everyMillis;
    this.toleranceMillis = toleranceMillis;
  }

  String target() {
    return target;
  }

  boolean all() {
    return all;
  }

  /** Whether a sample taken at {@code takenAtMillis} is due; if so, the next period starts. */
  boolean due(long takenAtMillis) {
    if (takenAtMillis < nextDueMillis) {
      return false;
    }
    nextDueMillis = takenAtMillis + everyMillis - toleranceMillis;
    return true;
  }
}
