package dev.pollux.device.internal;

import dev.pollux.device.Sensor;
import dev.pollux.device.SensorKind;
import dev.pollux.device.Source;
import dev.pollux.device.Unit;
import java.nio.file.Path;
import java.util.List;

/**
 * The simulated sensors: {@code sim_temperature} (°C around 45), {@code sim_humidity} (% around 55)
 * and {@code sim_fan} (rpm around 1800), each moving smoothly from the seed and the time.
 */
final class Simulation {
  static final String TEMPERATURE_ID = "sim_temperature";

  private Simulation() {}

  static List<Discovered> sensors(long seed) {
    return List.of(
        sensor(
            TEMPERATURE_ID,
            SensorKind.TEMPERATURE,
            Unit.CELSIUS,
            "simulated temperature",
            new SimulatedProbe(seed, 45, 8, 300),
            seed),
        sensor(
            "sim_humidity",
            SensorKind.HUMIDITY,
            Unit.PERCENT,
            "simulated humidity",
            new SimulatedProbe(seed + 1, 55, 10, 900),
            seed + 1),
        sensor(
            "sim_fan",
            SensorKind.FAN,
            Unit.RPM,
            "simulated fan",
            new SimulatedProbe(seed + 2, 1800, 400, 120),
            seed + 2));
  }

  private static Discovered sensor(
      String id, SensorKind kind, Unit unit, String label, Probe probe, long seed) {
    Source source = new Source.Simulated(seed, Path.of("simulated", id));
    return new Discovered(new Sensor(id, kind, unit, label, source), probe);
  }
}
