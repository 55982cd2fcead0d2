package dev.pollux.device;

import java.util.Locale;

/** What a sensor measures, e.g. {@code TEMPERATURE}; {@link #wireName()} is the JSON form. */
public enum SensorKind {
  TEMPERATURE,
  FAN,
  VOLTAGE,
  CURRENT,
  POWER,
  LOAD,
  MEMORY,
  UPTIME,
  CPU,
  HUMIDITY,
  /** Clock frequency, e.g. a CPU's from cpufreq, in hertz. */
  FREQUENCY,
  /**
   * A fan's PWM duty as hwmon gives it, {@code 0} (off) to {@code 255} (full), without unit: the
   * scale the matching {@code fan} actuator takes.
   */
  PWM,
  /**
   * A two-state reading whose value is {@code 0} or {@code 1} everywhere (JSON, TCP, metrics,
   * MQTT): a GPIO input, an alarm, a throttling flag.
   */
  BOOLEAN;

  private final String wireName = name().toLowerCase(Locale.ROOT);

  /** The lower-case name used in JSON, metrics labels and MQTT, e.g. {@code temperature}. */
  public String wireName() {
    return wireName;
  }
}
