package dev.pollux.device.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.pollux.device.DeviceConfig;
import dev.pollux.testing.sysfs.FakeSysfs;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Values read by the probes the providers build, converted to the sensor's unit. */
class ProbeTest {
  @TempDir Path dir;

  private static Inventory discover(FakeSysfs fake) {
    return Discovery.discover(
        DeviceConfig.builder()
            .sysfsRoot(fake.sysfsRoot())
            .procfsRoot(fake.procfsRoot())
            .rescanInterval(Duration.ZERO)
            .build());
  }

  private static double read(Inventory inventory, String id) throws ReadFailure {
    for (Discovered d : inventory.sensors()) {
      if (d.sensor().id().equals(id)) {
        return d.probe().read(0);
      }
    }
    throw new AssertionError("no sensor " + id + " in " + inventory.sensors());
  }

  @Test
  void convertsMillidegreesToCelsiusIncludingBelowZero() throws ReadFailure {
    FakeSysfs fake = FakeSysfs.in(dir).thermalZone(0, "cpu-thermal", 48_312);
    fake.thermalZone(1, "outdoor", -5_250);
    Inventory inventory = discover(fake);
    assertThat(read(inventory, "thermal_zone0")).isCloseTo(48.312, within(1e-9));
    assertThat(read(inventory, "thermal_zone1")).isCloseTo(-5.25, within(1e-9));
  }

  @Test
  void convertsEveryHwmonInputToItsUnit() throws ReadFailure {
    FakeSysfs fake = FakeSysfs.in(dir);
    fake.hwmon(0, "chip", "platform/chip.0")
        .temp(1, -12_500, null)
        .fan(1, 2_100, null)
        .in(0, 12_345, null)
        .curr(1, 1_500, null)
        .power(1, 7_250_000, null);
    Inventory inventory = discover(fake);
    assertThat(read(inventory, "hwmon_platform_chip_0_temp1")).isCloseTo(-12.5, within(1e-9));
    assertThat(read(inventory, "hwmon_platform_chip_0_fan1")).isEqualTo(2_100.0);
    assertThat(read(inventory, "hwmon_platform_chip_0_in0")).isCloseTo(12.345, within(1e-9));
    assertThat(read(inventory, "hwmon_platform_chip_0_curr1")).isCloseTo(1.5, within(1e-9));
    assertThat(read(inventory, "hwmon_platform_chip_0_power1")).isCloseTo(7.25, within(1e-9));
  }

  @Test
  void readsLoadMemoryAndUptime() throws ReadFailure {
    FakeSysfs fake =
        FakeSysfs.in(dir).loadavg(0.52, 0.58, 1.75).meminfo(16_318_480, 8_123_456).uptime(12.5);
    Inventory inventory = discover(fake);
    assertThat(read(inventory, "load1")).isEqualTo(0.52);
    assertThat(read(inventory, "load5")).isEqualTo(0.58);
    assertThat(read(inventory, "load15")).isEqualTo(1.75);
    assertThat(read(inventory, "memory_total")).isEqualTo(16_318_480.0 * 1024);
    assertThat(read(inventory, "memory_available")).isEqualTo(8_123_456.0 * 1024);
    assertThat(read(inventory, "uptime")).isEqualTo(12.5);
  }

  @Test
  void computesCpuBusyBetweenTwoSamples() throws ReadFailure {
    FakeSysfs fake = FakeSysfs.in(dir).stat(100, 0, 100, 800, 0);
    Inventory inventory = discover(fake);
    Probe busy = inventory.sensors().get(0).probe();
    assertThat(busy.read(0)).as("first sample: since boot").isCloseTo(20.0, within(1e-9));
    fake.stat(160, 0, 100, 830, 10); // +60 busy, +40 idle/iowait
    assertThat(busy.read(0)).as("between samples").isCloseTo(60.0, within(1e-9));
    assertThat(busy.read(0)).as("no tick elapsed: previous value").isCloseTo(60.0, within(1e-9));
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {0, 1, 42, -7, 123_456_789})
  void simulatesSmoothlyAndDeterministicallyFromTheSeed(long seed) {
    Probe a = Simulation.sensors(seed).get(0).probe();
    Probe b = Simulation.sensors(seed).get(0).probe();
    double previous = Double.NaN;
    for (long t = 1_700_000_000_000L; t < 1_700_000_600_000L; t += 1000) {
      double value = readQuietly(a, t);
      assertThat(value)
          .as("seed %d at %d: same seed, same value", seed, t)
          .isEqualTo(readQuietly(b, t));
      assertThat(value).as("seed %d at %d: plausible temperature", seed, t).isBetween(30.0, 60.0);
      if (!Double.isNaN(previous)) {
        assertThat(Math.abs(value - previous)).as("seed %d at %d: smooth", seed, t).isLessThan(0.5);
      }
      previous = value;
    }
  }

  private static double readQuietly(Probe probe, long t) {
    try {
      return probe.read(t);
    } catch (ReadFailure e) {
      throw new AssertionError("simulated probe failed: " + e.getMessage(), e);
    }
  }
}
