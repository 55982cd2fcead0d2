package dev.pollux.device.internal;

import dev.pollux.device.Primary;
import dev.pollux.device.Sensor;
import dev.pollux.device.SensorKind;
import dev.pollux.device.Source;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Chooses the primary temperature: a thermal zone of a recognised CPU/SoC type ({@code cpu-thermal}
 * on a Raspberry Pi, {@code x86_pkg_temp} on Intel), else the package sensor of a recognised CPU
 * hwmon chip ({@code coretemp} "Package id 0", {@code k10temp} "Tctl"), else {@code thermal_zone0},
 * else the first temperature sensor, else the simulated one, else {@link Primary#NONE}.
 */
final class PrimaryChoice {
  private static final Set<String> CPU_ZONE_TYPES =
      Set.of(
          "cpu-thermal",
          "cpu_thermal",
          "cpu0-thermal",
          "cpu0_thermal",
          "x86_pkg_temp",
          "soc_thermal",
          "soc-thermal",
          "soc_dts0");

  private static final Set<String> CPU_CHIPS =
      Set.of("coretemp", "k10temp", "zenpower", "cpu_thermal", "soc_thermal");

  private PrimaryChoice() {}

  static Primary choose(List<Sensor> sensors) {
    for (Sensor sensor : sensors) {
      if (sensor.source() instanceof Source.ThermalZone zone
          && CPU_ZONE_TYPES.contains(zone.type().toLowerCase(Locale.ROOT))) {
        return new Primary(sensor.id(), "recognised CPU/SoC thermal zone type " + zone.type());
      }
    }
    Sensor cpuChip = null;
    for (Sensor sensor : sensors) {
      if (sensor.kind() == SensorKind.TEMPERATURE
          && sensor.source() instanceof Source.Hwmon hwmon
          && CPU_CHIPS.contains(hwmon.chipName())) {
        String label = sensor.label().toLowerCase(Locale.ROOT);
        if (label.startsWith("package id") || label.equals("tctl") || label.equals("tdie")) {
          return new Primary(sensor.id(), "recognised CPU package sensor of " + hwmon.chipName());
        }
        if (cpuChip == null) {
          cpuChip = sensor;
        }
      }
    }
    if (cpuChip != null) {
      return new Primary(cpuChip.id(), "first sensor of recognised CPU chip");
    }
    for (Sensor sensor : sensors) {
      if (sensor.id().equals("thermal_zone0")) {
        return new Primary(sensor.id(), "thermal_zone0, no recognised CPU/SoC sensor");
      }
    }
    for (Sensor sensor : sensors) {
      if (sensor.kind() == SensorKind.TEMPERATURE && !sensor.simulated()) {
        return new Primary(sensor.id(), "first temperature sensor, no thermal_zone0");
      }
    }
    for (Sensor sensor : sensors) {
      if (sensor.kind() == SensorKind.TEMPERATURE) {
        return new Primary(sensor.id(), "simulated, no temperature sensor on this machine");
      }
    }
    return Primary.NONE;
  }
}
