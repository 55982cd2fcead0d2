package dev.pollux.server.tcp;

import dev.pollux.device.Reading;
import dev.pollux.device.SensorKind;
import java.util.HashMap;
import java.util.Map;

/**
 * One session's {@code watch}: which sensor (or all), how often, when the next lines are due, and
 * the last value sent of each boolean sensor, whose every change (an edge) is sent at once. Loop
 * thread only.
 */
final class Watch {

  /** Bounded by the number of boolean sensors. */
  private final Map<String, Double> lastBoolean = new HashMap<>();

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

  /** Whether {@code reading} is a boolean sensor whose value changed since its last line. */
  boolean isEdge(Reading reading) {
    if (reading.sensor().kind() != SensorKind.BOOLEAN || !reading.ok()) {
      return false;
    }
    Double last = lastBoolean.get(reading.id());
    return last != null && last != reading.value();
  }

  /** Notes the value of a line sent. */
  void sent(Reading reading) {
    if (reading.sensor().kind() == SensorKind.BOOLEAN && reading.ok()) {
      lastBoolean.put(reading.id(), reading.value());
    }
  }
}
