package dev.pollux.loop.internal;

import java.io.IOException;
import java.lang.System.Logger.Level;

/**
 * The log of a loop's failing waits for readiness. A poller that fails once usually fails on every
 * pass, and the loop passes again at once (it must not sleep: tasks and timers still run between
 * the failures), so the first failure is logged with its exception, the ones after it are only
 * counted, and the first wait that works again says how many were suppressed. Loop thread only.
 */
final class FailedWaits {

  private final String loopName;
  private final System.Logger log;

  private long failures; // since the last wait that worked

  FailedWaits(String loopName, System.Logger log) {
    this.loopName = loopName;
    this.log = log;
  }

  /** A wait threw {@code e}: logged if it is the first since a wait worked, else counted. */
  void failed(IOException e) {
    if (failures++ == 0) {
      log.log(
          Level.WARNING,
          loopName + ": waiting for readiness failed; further failures are counted until it works",
          e);
    }
  }

  /** A wait worked: after failures, says how many there were and how many went unlogged. */
  void worked() {
    if (failures > 0) {
      log.log(
          Level.WARNING,
          loopName
              + ": waiting for readiness works again after "
              + failures
              + " failed waits ("
              + (failures - 1)
              + " not logged)");
      failures = 0;
    }
  }

  /** The failures since the last wait that worked. */
  long failures() {
    return failures;
  }
}
