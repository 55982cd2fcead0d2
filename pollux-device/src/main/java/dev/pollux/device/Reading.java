package dev.pollux.device;

import java.util.Locale;

/**
 * The latest state of one sensor in a {@link Snapshot}, e.g. {@code thermal_zone0 = 48.312 °C, ok,
 * 120 ms old}.
 *
 * <p>{@code value} is the last good value ({@code NaN} if there never was one) and {@code atMillis}
 * its time; when {@code status} is not {@link Status#OK} the value is older than this sample and
 * should not be shown as current (metrics should skip it).
 *
 * @param sensor the sensor
 * @param value the last good value in {@link Sensor#unit()}, or {@code NaN}
 * @param atMillis epoch milliseconds of {@code value}, 0 if there never was one
 * @param status ok, error (the last read failed) or stale (no fresh value for 3 intervals)
 * @param reason fixed text saying why when status is not ok ({@code "file missing"}), else null
 * @param errorCount failed reads of this sensor since start
 * @param ageMillis how old {@code value} was when the snapshot was taken ({@code Long.MAX_VALUE}
 *     when there is no value)
 */
public record Reading(
    Sensor sensor,
    double value,
    long atMillis,
    Status status,
    String reason,
    long errorCount,
    long ageMillis) {

  /** Whether a reading is current. */
  public enum Status {
    OK,
    ERROR,
    STALE;

    private final String wireName = name().toLowerCase(Locale.ROOT);

    /** {@code ok}, {@code error} or {@code stale}, as JSON and the TCP protocol show it. */
    public String wireName() {
      return wireName;
    }
  }

  /** The sensor's id. */
  public String id() {
    return sensor.id();
  }

  /** True when the value is made up. */
  public boolean simulated() {
    return sensor.simulated();
  }

  /** True when status is ok (the value is fresh). */
  public boolean ok() {
    return status == Status.OK;
  }

  /** True when there is a value at all, fresh or not. */
  public boolean hasValue() {
    return !Double.isNaN(value);
  }
}
