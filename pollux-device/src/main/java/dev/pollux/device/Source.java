package dev.pollux.device;

import java.nio.file.Path;
import java.util.List;

/**
 * Where a sensor's value comes from, with the raw facts the node_exporter-compatible metrics need,
 * so that no one above this layer reads sysfs again.
 */
public sealed interface Source {
  /** The file read for each sample (for a simulated sensor, a descriptive pseudo path). */
  Path path();

  /**
   * A thermal zone such as {@code /sys/class/thermal/thermal_zone0/temp}: {@code zone} is the
   * number ({@code node_thermal_zone_temp{zone="0"}}) and {@code type} the content of its {@code
   * type} file ({@code type="x86_pkg_temp"}).
   */
  record ThermalZone(int zone, String type, Path path) implements Source {}

  /**
   * One input of a hwmon chip, e.g. {@code temp1_input} of {@code coretemp}: {@code chip} is the
   * node_exporter chip label made from the stable device path ({@code platform_coretemp_0}), {@code
   * sensor} the node_exporter sensor label ({@code temp1}), and {@code chipName} the cleaned
   * content of the chip's {@code name} file ({@code coretemp}), empty when there is none — then
   * {@code node_hwmon_chip_names} has no series for this chip.
   */
  record Hwmon(String chip, String chipName, String sensor, Path path) implements Source {}

  /** A field of a procfs file, e.g. {@code /proc/loadavg} field {@code load1}. */
  record Proc(String field, Path path) implements Source {}

  /**
   * A GPIO line, e.g. line 17 of {@code gpiochip0}; {@code path} is the chip's device file ({@code
   * /dev/gpiochip0}).
   */
  record Gpio(String chip, int offset, Path path) implements Source {}

  /**
   * A CPU frequency policy such as {@code
   * /sys/devices/system/cpu/cpufreq/policy0/scaling_cur_freq}: {@code policy} is its number and
   * {@code cpus} the CPUs it drives (its {@code affected_cpus}, empty when unreadable), for
   * node_exporter's per-CPU {@code node_cpu_scaling_frequency_hertz}.
   */
  record Cpufreq(int policy, List<Integer> cpus, Path path) implements Source {
    public Cpufreq {
      cpus = List.copyOf(cpus);
    }
  }

  /**
   * One bit of the Raspberry Pi firmware's {@code get_throttled} bitmask ({@code
   * /sys/devices/platform/soc/soc:firmware/get_throttled}), e.g. bit 0 under-voltage now, bit 16
   * under-voltage has occurred since boot.
   */
  record Throttled(int bit, Path path) implements Source {}

  /** A simulated sensor, moving smoothly and deterministically from {@code seed}. */
  record Simulated(long seed, Path path) implements Source {}
}
