package dev.pollux.server.metrics;

import dev.pollux.device.Reading;
import dev.pollux.device.Snapshot;
import dev.pollux.device.Source;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.List;

/**
 * The node_exporter 1.5 series for the same hardware, so that dashboards built on node_exporter
 * work unchanged: {@code node_thermal_zone_temp{zone="0",type="cpu-thermal"} 48.312}, {@code
 * node_hwmon_temp_celsius{chip="platform_coretemp_0",sensor="temp1"} 45}, and the load averages,
 * with node_exporter's names, labels, help texts and arithmetic.
 *
 * <p>Only fresh readings are shown: node_exporter reads the file at scrape time, and a value that
 * failed to read is absent there too (its hwmon collector skips unreadable files).
 */
final class NodeFamilies {
  private NodeFamilies() {}

  static void collect(Snapshot snapshot, List<MetricSnapshot> out) {
    Family thermal =
        Family.gauge("node_thermal_zone_temp", "Zone temperature in Celsius", "zone", "type");
    Family hwmonTemp = hwmon("node_hwmon_temp_celsius", "temperature");
    Family hwmonFan = hwmon("node_hwmon_fan_rpm", "fan revolutions per minute");
    Family hwmonIn = hwmon("node_hwmon_in_volts", "voltage");
    Family hwmonCurr = hwmon("node_hwmon_curr_amps", "current");
    Family hwmonPower = hwmon("node_hwmon_power_watt", "power usage in watts");
    Family load1 = Family.gauge("node_load1", "1m load average.");
    Family load5 = Family.gauge("node_load5", "5m load average.");
    Family load15 = Family.gauge("node_load15", "15m load average.");
    for (Reading reading : snapshot.readings()) {
      if (!reading.ok() || !reading.hasValue()) {
        continue;
      }
      double value = reading.value();
      switch (reading.sensor().source()) {
        case Source.ThermalZone zone ->
            thermal.add(fromKernelUnit(value, 1e3), Integer.toString(zone.zone()), zone.type());
        case Source.Hwmon input -> {
          Family family =
              switch (reading.sensor().kind()) {
                case TEMPERATURE -> hwmonTemp;
                case FAN -> hwmonFan;
                case VOLTAGE -> hwmonIn;
                case CURRENT -> hwmonCurr;
                case POWER -> hwmonPower;
                default -> null;
              };
          if (family != null) {
            double node = family == hwmonPower ? fromKernelUnit(value, 1e6) : value;
            family.add(node, input.chip(), input.sensor());
          }
        }
        case Source.Proc proc -> {
          Family family =
              switch (proc.field()) {
                case "load1" -> load1;
                case "load5" -> load5;
                case "load15" -> load15;
                default -> null;
              };
          if (family != null) {
            family.add(value);
          }
        }
        default -> {
          // Simulated values have no node_exporter counterpart; other sources (GPIO lines,
          // firmware flags) have none either, and the host's own series are HostFamilies'.
        }
      }
    }
    for (Family family :
        List.of(
            thermal, hwmonTemp, hwmonFan, hwmonIn, hwmonCurr, hwmonPower, load1, load5, load15)) {
      family.addTo(out);
    }
  }

  private static Family hwmon(String name, String what) {
    return Family.gauge(name, "Hardware monitor for " + what + " (input)", "chip", "sensor");
  }

  /**
   * The value node_exporter computes as {@code raw / perUnit}, from ours, which the device layer
   * computed as {@code raw * (1 / perUnit)}: the two can differ in the last bit (45032 * 0.001 is
   * 45.032000000000004, 45032 / 1000.0 is 45.032). The raw kernel value is an integer, so rounding
   * ours back to it and dividing gives node_exporter's double exactly.
   */
  static double fromKernelUnit(double value, double perUnit) {
    return Math.rint(value * perUnit) / perUnit;
  }
}
