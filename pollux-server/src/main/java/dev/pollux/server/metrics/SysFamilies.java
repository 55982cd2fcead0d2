package dev.pollux.server.metrics;

import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * node_exporter 1.5's series from {@code /sys} that the device's sensors do not carry: the chips'
 * names ({@code node_hwmon_chip_names{chip,chip_name}}, for every chip), the hwmon under-voltage
 * alarms ({@code node_hwmon_in_lcrit_alarm_volts{chip,sensor}}, the Raspberry Pi's {@code rpi_volt}
 * chip has nothing else), the fans' PWM duty ({@code node_hwmon_pwm}, 0-255) and each CPU's current
 * scaling frequency ({@code node_cpu_scaling_frequency_hertz{cpu}}).
 *
 * <p>node_exporter's arithmetic is kept, even where it is odd: an {@code in*} file is a voltage to
 * it, so the alarm's {@code 1} becomes {@code 0.001}.
 */
final class SysFamilies {
  private SysFamilies() {}

  static void collectHwmon(Path sysfs, List<MetricSnapshot> out) throws IOException {
    Family alarm =
        Family.gauge(
            "node_hwmon_in_lcrit_alarm_volts",
            "Hardware monitor for voltage (lcrit_alarm)",
            "chip",
            "sensor");
    // node_exporter names the value of a bare "pwm1" file with an empty element.
    Family pwm = Family.gauge("node_hwmon_pwm", "Hardware monitor pwm element ", "chip", "sensor");
    Family chipNames =
        Family.gauge(
            "node_hwmon_chip_names",
            "Annotation metric for human-readable chip names",
            "chip",
            "chip_name");
    for (Path hwmon : list(sysfs.resolve("class").resolve("hwmon"), "hwmon*")) {
      String chip = HwmonChip.label(hwmon);
      String chipName = HwmonChip.humanName(hwmon);
      if (!chipName.isEmpty()) {
        // Every chip with a name file, whatever its inputs read.
        chipNames.add(1, chip, chipName);
      }
      List<Path> dirs = new ArrayList<>(List.of(hwmon));
      if (Files.isDirectory(hwmon.resolve("device"))) {
        dirs.add(hwmon.resolve("device"));
      }
      for (Path dir : dirs) {
        for (Path file : list(dir, "in*_lcrit_alarm")) {
          String name = file.getFileName().toString();
          String sensor = name.substring(0, name.length() - "_lcrit_alarm".length());
          Double value = number(file);
          if (value != null && ProcText.count(sensor.substring(2)) >= 0) {
            alarm.add(value * 0.001, chip, sensor);
          }
        }
        for (Path file : list(dir, "pwm*")) {
          String sensor = file.getFileName().toString();
          Double value = number(file);
          if (value != null && ProcText.count(sensor.substring(3)) >= 0) {
            pwm.add(value, chip, sensor);
          }
        }
      }
    }
    chipNames.addTo(out);
    alarm.addTo(out);
    pwm.addTo(out);
  }

  /** {@code <sysfs>/devices/system/cpu/cpuN/cpufreq/scaling_cur_freq} (kHz) in hertz. */
  static void collectCpufreq(Path sysfs, List<MetricSnapshot> out) throws IOException {
    Family scaling =
        Family.gauge(
            "node_cpu_scaling_frequency_hertz",
            "Current scaled CPU thread frequency in hertz.",
            "cpu");
    for (Path cpu : list(sysfs.resolve("devices").resolve("system").resolve("cpu"), "cpu*")) {
      String number = cpu.getFileName().toString().substring(3);
      if (ProcText.count(number) < 0) {
        continue;
      }
      Double kiloHertz = number(cpu.resolve("cpufreq").resolve("scaling_cur_freq"));
      if (kiloHertz != null) {
        scaling.add(kiloHertz * 1000.0, number);
      }
    }
    scaling.addTo(out);
  }

  /** The entries of {@code dir} matching {@code glob}, sorted; none when {@code dir} is absent. */
  private static List<Path> list(Path dir, String glob) throws IOException {
    List<Path> found = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return found;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, glob)) {
      entries.forEach(found::add);
    }
    found.sort(null);
    return found;
  }

  /** The file's number, or null when it cannot be read or parsed (node_exporter skips it too). */
  private static Double number(Path file) {
    try {
      return Double.parseDouble(ProcText.read(file).strip());
    } catch (IOException | NumberFormatException e) {
      return null;
    }
  }
}
