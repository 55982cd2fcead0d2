package dev.pollux.device;

import dev.pollux.testing.sysfs.FakeSysfs;
import java.nio.file.Path;
import java.time.Duration;

/** The machines the tests run against, as fake trees. */
final class Trees {
  private Trees() {}

  /** A Raspberry Pi: {@code cpu-thermal} zone, its hwmon twin, the ACT and PWR LEDs, procfs. */
  static FakeSysfs raspberryPi(Path dir) {
    FakeSysfs fake = FakeSysfs.in(dir).thermalZone(0, "cpu-thermal", 48_312);
    fake.hwmon(0, "cpu_thermal", "virtual/thermal/thermal_zone0").temp(1, 48_312, null);
    return system(fake.led("ACT", 0, 255).led("PWR", 255, 255));
  }

  /**
   * A Raspberry Pi 5 with what the firmware and board expose beyond sensors: the ACT LED following
   * {@code mmc0}, the {@code rpi_volt} under-voltage flag (set), {@code get_throttled} {@code
   * 0x50005} (under-voltage and throttled now and since boot), cpufreq {@code policy0} at 1.5 GHz
   * for CPUs 0-3, the {@code cooling_fan} with {@code pwm1} in automatic mode, and PWM channel
   * {@code pwmchip0/pwm0} exported with a 20 ms period.
   */
  static FakeSysfs raspberryPi5(Path dir) {
    FakeSysfs fake = raspberryPi(dir);
    fake.ledTriggers("ACT", "mmc0", "none", "rc-feedback", "mmc0", "heartbeat", "default-on");
    fake.rpiVolt(1, true);
    fake.coolingFan(2, 2_900, 77);
    return fake.getThrottled(0x50005)
        .cpufreqPolicy(0, 1_500_000, 0, 1, 2, 3)
        .pwmChannel(0, 0, 20_000_000, 1_500_000);
  }

  /**
   * An x86 laptop: {@code acpitz} zone 0 and {@code x86_pkg_temp} zone 1, an {@code acpitz} hwmon
   * without device, {@code coretemp} with a package and a core sensor, a fan and a battery chip.
   */
  static FakeSysfs x86Laptop(Path dir) {
    FakeSysfs fake =
        FakeSysfs.in(dir).thermalZone(0, "acpitz", 51_000).thermalZone(1, "x86_pkg_temp", 56_000);
    fake.hwmon(0, "acpitz", null).temp(1, 51_000, null);
    fake.hwmon(1, "coretemp", "platform/coretemp.0")
        .temp(1, 56_000, "Package id 0")
        .temp(2, 54_000, "Core 0");
    fake.hwmon(2, "thinkpad", "platform/thinkpad_hwmon").fan(1, 2_100, null);
    fake.hwmon(3, "BAT0", "LNXSYSTM:00/LNXSYBUS:00/PNP0C0A:00/power_supply/BAT0")
        .in(0, 12_345, null)
        .curr(1, 1_500, null)
        .power(1, 7_250_000, null);
    return system(fake.led("input3::capslock", 0, 1));
  }

  /** A container: procfs only, no thermal zone, no hwmon. */
  static FakeSysfs container(Path dir) {
    return system(FakeSysfs.in(dir));
  }

  static FakeSysfs system(FakeSysfs fake) {
    return fake.loadavg(0.52, 0.58, 0.59)
        .meminfo(16_318_480, 8_123_456)
        .uptime(12_345.67)
        .stat(4_705, 356, 584, 3_699, 23);
  }

  static DeviceConfig.Builder config(FakeSysfs fake) {
    return DeviceConfig.builder()
        .sysfsRoot(fake.sysfsRoot())
        .procfsRoot(fake.procfsRoot())
        .rescanInterval(Duration.ZERO);
  }
}
