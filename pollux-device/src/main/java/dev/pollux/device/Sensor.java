package dev.pollux.device;

import java.util.Objects;

/**
 * A sensor found on this machine, e.g. {@code thermal_zone0}, a temperature in °C labelled {@code
 * cpu-thermal}. The id is stable across restarts and is the same in every protocol.
 *
 * @param id stable id, {@code [a-z0-9_]+}; see the README for the scheme
 * @param kind what it measures
 * @param unit the unit of {@link Reading#value()}
 * @param label a human label (the thermal zone's type, the hwmon {@code *_label}, ...)
 * @param source where the value comes from, with the raw facts for node_exporter names
 */
public record Sensor(String id, SensorKind kind, Unit unit, String label, Source source) {
  public Sensor {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(source, "source");
  }

  /** True when the values are made up (see {@link Source.Simulated}). */
  public boolean simulated() {
    return source instanceof Source.Simulated;
  }
}
