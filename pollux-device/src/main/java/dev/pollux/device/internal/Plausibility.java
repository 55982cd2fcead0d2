package dev.pollux.device.internal;

import dev.pollux.device.SensorKind;
import java.util.EnumMap;
import java.util.Map;

/**
 * The values a sensor of each kind can really have, in its unit, e.g. a temperature from −273.15 to
 * 1000 °C. A read outside the range is an error reading ({@code implausible value}), not a value: a
 * driver that answers with garbage digits (an 18-digit millidegree file would be ~10^15 °C) must
 * not reach dashboards, alerts and averages. The ranges are wide on purpose — they catch what no
 * hardware produces, not what is merely unusual — and the README lists them.
 */
public final class Plausibility {

  /** One kind's closed range, in the kind's unit. */
  public record Range(double min, double max) {
    /** True when {@code value} is a number within {@code [min, max]}. */
    public boolean contains(double value) {
      return value >= min && value <= max; // false for NaN
    }
  }

  private static final double HUNDRED_YEARS_SECONDS = 100.0 * 366 * 24 * 3600;

  private static final Map<SensorKind, Range> RANGES = new EnumMap<>(SensorKind.class);

  static {
    RANGES.put(SensorKind.TEMPERATURE, new Range(-273.15, 1_000));
    RANGES.put(SensorKind.FAN, new Range(0, 100_000));
    RANGES.put(SensorKind.VOLTAGE, new Range(-1_000, 1_000));
    RANGES.put(SensorKind.CURRENT, new Range(-1_000, 1_000));
    RANGES.put(SensorKind.POWER, new Range(-100_000, 100_000));
    RANGES.put(SensorKind.LOAD, new Range(0, 1_000_000));
    RANGES.put(SensorKind.MEMORY, new Range(0, 0x1p60)); // 1 EiB
    RANGES.put(SensorKind.UPTIME, new Range(0, HUNDRED_YEARS_SECONDS));
    RANGES.put(SensorKind.CPU, new Range(0, 100));
    RANGES.put(SensorKind.HUMIDITY, new Range(0, 100));
    RANGES.put(SensorKind.FREQUENCY, new Range(0, 100e9)); // 100 GHz
    RANGES.put(SensorKind.PWM, new Range(0, 255));
    RANGES.put(SensorKind.BOOLEAN, new Range(0, 1));
    for (SensorKind kind : SensorKind.values()) {
      if (!RANGES.containsKey(kind)) {
        throw new ExceptionInInitializerError("no plausible range for " + kind);
      }
    }
  }

  private Plausibility() {}

  /** The plausible range of {@code kind}. */
  public static Range of(SensorKind kind) {
    return RANGES.get(kind);
  }

  /** True when {@code value} is plausible for {@code kind}; a boolean must be exactly 0 or 1. */
  public static boolean accepts(SensorKind kind, double value) {
    if (kind == SensorKind.BOOLEAN) {
      return value == 0 || value == 1;
    }
    return RANGES.get(kind).contains(value);
  }
}
