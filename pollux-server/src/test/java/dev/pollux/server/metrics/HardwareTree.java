package dev.pollux.server.metrics;

import dev.pollux.device.Device;
import dev.pollux.device.DeviceConfig;
import dev.pollux.testing.sysfs.FakeSysfs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;

/**
 * The fake machine the metrics tests share: two thermal zones (one below zero), a coretemp chip
 * with a device link and a broken input, a fan and voltage chip, a virtual chip without a device
 * link, load averages and meminfo. Laid out so that node_exporter 1.5 reads it too (a thermal zone
 * needs a {@code policy} file there, or its whole collector fails).
 */
final class HardwareTree {
  /**
   * Millidegrees whose Pollux value (× 0.001) and node_exporter value (/ 1000) differ in the last
   * bit.
   */
  static final long ZONE0_MILLI_CELSIUS = 45_032;

  static final String CORETEMP = "platform_coretemp_0";
  static final String NCT = "platform_nct6775_656";

  private HardwareTree() {}

  static FakeSysfs build(Path dir) {
    FakeSysfs fake =
        FakeSysfs.in(dir)
            .thermalZone(0, "x86_pkg_temp", ZONE0_MILLI_CELSIUS)
            .thermalZone(1, "acpitz", -5_000)
            .loadavg(0.52, 0.58, 0.59)
            .meminfo(8_000_000, 4_000_000)
            .uptime(12_345.67);
    for (int zone = 0; zone < 2; zone++) {
      fake.write(fake.thermalZoneDir(zone).resolve("policy"), "step_wise\n");
      fake.write(fake.thermalZoneDir(zone).resolve("mode"), "enabled\n");
    }
    var coretemp =
        fake.hwmon(1, "coretemp", "platform/coretemp.0")
            .temp(1, 45_000, "Package id 0")
            .temp(2, 43_123, "Core 0")
            .temp(3, 41_000, null);
    fake.directoryInPlaceOf(coretemp.input("temp", 3)); // read error, also as root
    fake.hwmon(2, "nct6775", "platform/nct6775.656")
        .fan(1, 1_234, null)
        .in(0, 1_104, "Vcore")
        .curr(1, 1_500, null)
        .power(1, 12_345_603, null)
        .temp(7, 38_500, "SYSTIN");
    fake.hwmon(3, "acpitz", null).temp(1, 27_800, null);
    return fake;
  }

  /**
   * Writes new random values, in the kernel's units, into every readable input of {@link #build}'s
   * tree (the broken {@code temp3} stays broken).
   */
  static void randomize(FakeSysfs fake, Random random) {
    for (int zone = 0; zone < 2; zone++) {
      writeValue(
          fake, fake.thermalZoneDir(zone).resolve("temp"), between(random, -40_000, 120_000));
    }
    Path coretemp = fake.sysfsRoot().resolve("devices/platform/coretemp.0/hwmon/hwmon1");
    writeValue(fake, coretemp.resolve("temp1_input"), between(random, -40_000, 120_000));
    writeValue(fake, coretemp.resolve("temp2_input"), between(random, -40_000, 120_000));
    Path nct = fake.sysfsRoot().resolve("devices/platform/nct6775.656/hwmon/hwmon2");
    writeValue(fake, nct.resolve("fan1_input"), between(random, 0, 6_000));
    writeValue(fake, nct.resolve("in0_input"), between(random, 0, 15_000));
    writeValue(fake, nct.resolve("curr1_input"), between(random, 0, 20_000));
    writeValue(fake, nct.resolve("power1_input"), between(random, 0, 300_000_000));
    writeValue(fake, nct.resolve("temp7_input"), between(random, -40_000, 120_000));
    writeValue(
        fake,
        fake.sysfsRoot().resolve("class/hwmon/hwmon3/temp1_input"),
        between(random, 0, 90_000));
    fake.loadavg(
        between(random, 0, 6_400) / 100.0,
        between(random, 0, 6_400) / 100.0,
        between(random, 0, 6_400) / 100.0);
    long totalKib = between(random, 1_000, 64L * 1024 * 1024);
    fake.meminfo(totalKib, between(random, 0, totalKib));
  }

  private static long between(Random random, long from, long to) {
    return random.nextLong(from, to + 1);
  }

  private static void writeValue(FakeSysfs fake, Path file, long value) {
    fake.write(file, value + "\n");
  }

  /** A device on {@code fake}, not started: tests sample it with {@link Device#sampleOnce()}. */
  static Device open(FakeSysfs fake) {
    return Device.open(
        DeviceConfig.builder()
            .sysfsRoot(fake.sysfsRoot())
            .procfsRoot(fake.procfsRoot())
            .interval(Duration.ofSeconds(1))
            .build());
  }
}
