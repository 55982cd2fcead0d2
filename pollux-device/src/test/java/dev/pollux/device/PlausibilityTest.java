package dev.pollux.device;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pollux.testing.sysfs.FakeSysfs;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Values no hardware produces become error readings ("implausible value"), counted. */
class PlausibilityTest {
  @TempDir Path dir;

  @Test
  void anEighteenDigitTemperatureIsAnErrorNotAValue() {
    FakeSysfs fake = Trees.raspberryPi(dir).thermalZone(1, "broken", 123_456_789_012_345_678L);
    try (Device device = Device.open(Trees.config(fake).build())) {
      Reading first = device.sampleOnce().reading("thermal_zone1");
      assertThat(first.status()).isEqualTo(Reading.Status.ERROR);
      assertThat(first.reason()).isEqualTo("implausible value");
      assertThat(first.hasValue()).as("no value was taken").isFalse();
      assertThat(first.errorCount()).isEqualTo(1);

      fake.thermalZone(1, "broken", 45_000);
      Reading fixed = device.sampleOnce().reading("thermal_zone1");
      assertThat(fixed.ok()).isTrue();
      assertThat(fixed.value()).isEqualTo(45.0);

      fake.thermalZone(1, "broken", -274_000);
      Reading belowZero = device.sampleOnce().reading("thermal_zone1");
      assertThat(belowZero.reason()).as("below absolute zero").isEqualTo("implausible value");
      assertThat(belowZero.value()).as("the last good value is kept").isEqualTo(45.0);
      assertThat(belowZero.errorCount()).isEqualTo(2);
    }
  }

  @Test
  void aBooleanOtherThanZeroOrOneIsImplausible() {
    FakeSysfs fake = Trees.raspberryPi(dir);
    fake.rpiVolt(1, false);
    try (Device device = Device.open(Trees.config(fake).build())) {
      String id = PiHealthTest.UNDER_VOLTAGE;
      assertThat(device.sampleOnce().reading(id).value()).isZero();
      fake.write(
          fake.sysfsRoot()
              .resolve(
                  "devices/platform/soc/soc:firmware/raspberrypi-hwmon/hwmon/hwmon1/in0_lcrit_alarm"),
          "2\n");
      assertThat(device.sampleOnce().reading(id).reason()).isEqualTo("implausible value");
    }
  }

  @Test
  void aFanFasterThanAnyFanIsImplausibleButAStoppedFanIsNot() {
    FakeSysfs fake = Trees.raspberryPi(dir);
    Path input = fake.coolingFan(2, 0, 0).input("fan", 1);
    try (Device device = Device.open(Trees.config(fake).build())) {
      String id = "hwmon_platform_cooling_fan_fan1";
      assertThat(device.sampleOnce().reading(id).ok()).isTrue();
      fake.write(input, "4294967295\n");
      assertThat(device.sampleOnce().reading(id).reason()).isEqualTo("implausible value");
    }
  }
}
