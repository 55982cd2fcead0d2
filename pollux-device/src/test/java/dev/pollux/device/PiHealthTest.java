package dev.pollux.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.pollux.testing.sysfs.FakeSysfs;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Raspberry Pi's own health as sensors: under-voltage, throttling, CPU frequency, the fan's
 * duty.
 */
class PiHealthTest {
  static final String UNDER_VOLTAGE = "hwmon_soc_firmware_raspberrypi_hwmon_in0_lcrit_alarm";

  @TempDir Path dir;

  private static Reading reading(Snapshot snapshot, String id) {
    Reading reading = snapshot.reading(id);
    assertThat(reading).as("reading %s in %s", id, snapshot.readings()).isNotNull();
    return reading;
  }

  @Test
  void theRpiVoltAlarmIsABooleanSensor() {
    try (Device device = Device.open(Trees.config(Trees.raspberryPi5(dir)).build())) {
      Reading alarm = reading(device.sampleOnce(), UNDER_VOLTAGE);
      assertThat(alarm.sensor().kind()).isEqualTo(SensorKind.BOOLEAN);
      assertThat(alarm.sensor().unit()).isEqualTo(Unit.NONE);
      assertThat(alarm.sensor().label()).isEqualTo("under-voltage");
      assertThat(alarm.sensor().source())
          .isEqualTo(
              new Source.Hwmon(
                  "soc:firmware_raspberrypi_hwmon",
                  "rpi_volt",
                  "in0",
                  dir.resolve("sys/class/hwmon/hwmon1/in0_lcrit_alarm")));
      assertThat(alarm.ok()).isTrue();
      assertThat(alarm.value()).isEqualTo(1.0);
    }
  }

  @Test
  void getThrottledGivesEightBooleanSensors() {
    try (Device device = Device.open(Trees.config(Trees.raspberryPi5(dir)).build())) {
      Snapshot snapshot = device.sampleOnce();
      List<String> ids =
          List.of(
              "throttled_undervoltage",
              "throttled_frequency_capped",
              "throttled_throttling",
              "throttled_soft_temp_limit",
              "throttled_undervoltage_occurred",
              "throttled_frequency_capped_occurred",
              "throttled_throttling_occurred",
              "throttled_soft_temp_limit_occurred");
      // 0x50005: bits 0 and 2 now, 16 and 18 since boot.
      double[] expected = {1, 0, 1, 0, 1, 0, 1, 0};
      for (int i = 0; i < ids.size(); i++) {
        Reading flag = reading(snapshot, ids.get(i));
        assertThat(flag.sensor().kind()).as(ids.get(i)).isEqualTo(SensorKind.BOOLEAN);
        assertThat(flag.ok()).as("%s ok", ids.get(i)).isTrue();
        assertThat(flag.value()).as(ids.get(i)).isEqualTo(expected[i]);
      }
      assertThat(reading(snapshot, "throttled_throttling_occurred").sensor().source())
          .isEqualTo(
              new Source.Throttled(
                  18, dir.resolve("sys/devices/platform/soc/soc:firmware/get_throttled")));
    }
  }

  @Test
  void withoutGetThrottledThereAreNoThrottlingSensors() {
    try (Device device = Device.open(Trees.config(Trees.raspberryPi(dir)).build())) {
      assertThat(device.sensors()).extracting(Sensor::id).noneMatch(id -> id.startsWith("throt"));
    }
  }

  @Test
  void cpufreqPoliciesAreFrequencySensorsInHertz() {
    FakeSysfs fake = Trees.raspberryPi5(dir).cpufreqPolicy(4, 2_400_000, 4, 5);
    try (Device device = Device.open(Trees.config(fake).build())) {
      Snapshot snapshot = device.sampleOnce();
      assertThat(
              List.of(reading(snapshot, "cpufreq_policy0"), reading(snapshot, "cpufreq_policy4")))
          .extracting(
              r -> r.sensor().kind(),
              r -> r.sensor().unit(),
              r -> r.sensor().label(),
              Reading::value)
          .containsExactly(
              tuple(SensorKind.FREQUENCY, Unit.HERTZ, "CPUs 0,1,2,3 frequency", 1.5e9),
              tuple(SensorKind.FREQUENCY, Unit.HERTZ, "CPUs 4,5 frequency", 2.4e9));
      assertThat(reading(snapshot, "cpufreq_policy4").sensor().source())
          .isEqualTo(
              new Source.Cpufreq(
                  4,
                  List.of(4, 5),
                  dir.resolve("sys/devices/system/cpu/cpufreq/policy4/scaling_cur_freq")));
    }
  }

  @Test
  void theCoolingFanHasItsSpeedAndItsDutyAsSensors() {
    try (Device device = Device.open(Trees.config(Trees.raspberryPi5(dir)).build())) {
      Snapshot snapshot = device.sampleOnce();
      Reading rpm = reading(snapshot, "hwmon_platform_cooling_fan_fan1");
      Reading duty = reading(snapshot, "hwmon_platform_cooling_fan_pwm1");
      assertThat(rpm.value()).isEqualTo(2_900);
      assertThat(duty.sensor().kind()).isEqualTo(SensorKind.PWM);
      assertThat(duty.sensor().unit()).isEqualTo(Unit.NONE);
      assertThat(duty.sensor().source())
          .isEqualTo(
              new Source.Hwmon(
                  "platform_cooling_fan",
                  "pwmfan",
                  "pwm1",
                  dir.resolve("sys/class/hwmon/hwmon2/pwm1")));
      assertThat(duty.value()).isEqualTo(77);
    }
  }
}
