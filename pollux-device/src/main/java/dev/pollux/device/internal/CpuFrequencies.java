package dev.pollux.device.internal;

import dev.pollux.device.Sensor;
import dev.pollux.device.SensorKind;
import dev.pollux.device.Source;
import dev.pollux.device.Unit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The current frequency of each cpufreq policy, {@code
 * <sysfs>/devices/system/cpu/cpufreq/policyN/scaling_cur_freq} in kHz, as the sensor {@code
 * cpufreq_policyN} in Hz. A policy drives a group of CPUs that share a clock (all four cores of a
 * Raspberry Pi are {@code policy0}), so one sensor per policy says all there is.
 */
final class CpuFrequencies {
  private static final double HERTZ_PER_KILOHERTZ = 1_000;

  private CpuFrequencies() {}

  static List<Discovered> discover(Path sysfsRoot) {
    List<Discovered> found = new ArrayList<>();
    Path dir = sysfsRoot.resolve("devices/system/cpu/cpufreq");
    for (Directories.Numbered policy : Directories.numbered(dir, "policy")) {
      Path current = policy.path().resolve("scaling_cur_freq");
      if (!Files.exists(current)) {
        continue;
      }
      List<Integer> cpus = cpus(policy.path().resolve("affected_cpus"));
      String id = "cpufreq_policy" + policy.number();
      Sensor sensor =
          new Sensor(
              id,
              SensorKind.FREQUENCY,
              Unit.HERTZ,
              label(policy.number(), cpus),
              new Source.Cpufreq(policy.number(), cpus, current));
      found.add(
          new Discovered(
              sensor, new ScaledFileProbe(AttributeFile.sysfs(current), HERTZ_PER_KILOHERTZ)));
    }
    return found;
  }

  private static String label(int policy, List<Integer> cpus) {
    if (cpus.isEmpty()) {
      return "cpufreq policy" + policy;
    }
    StringBuilder label = new StringBuilder(cpus.size() == 1 ? "CPU " : "CPUs ");
    for (int i = 0; i < cpus.size(); i++) {
      label.append(i == 0 ? "" : ",").append(cpus.get(i));
    }
    return label.append(" frequency").toString();
  }

  /**
   * The CPU numbers of an {@code affected_cpus} file ({@code "0 1 2 3\n"}); empty if unreadable.
   */
  private static List<Integer> cpus(Path file) {
    String text = TextAttribute.read(file);
    List<Integer> cpus = new ArrayList<>();
    if (text == null) {
      return cpus;
    }
    int i = 0;
    while (i < text.length()) {
      while (i < text.length() && text.charAt(i) == ' ') {
        i++;
      }
      int end = i;
      while (end < text.length() && text.charAt(end) != ' ') {
        end++;
      }
      int cpu = Directories.number(text.substring(i, end), 0);
      if (cpu >= 0) {
        cpus.add(cpu);
      }
      i = end;
    }
    return cpus;
  }
}
