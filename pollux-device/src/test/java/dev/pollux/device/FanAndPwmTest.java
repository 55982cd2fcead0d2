package dev.pollux.device;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pollux.testing.sysfs.FakeSysfs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fans with hwmon {@code pwmN} and exported PWM channels, as actuators. */
class FanAndPwmTest {
  private static final String FAN = "fan_platform_cooling_fan_pwm1";
  private static final String CHANNEL = "pwm_pwmchip0_pwm0";

  @TempDir Path dir;

  private static Actuator actuator(Device device, String id) {
    return device.actuators().stream()
        .filter(a -> a.id().equals(id))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no actuator " + id + " in " + device.actuators()));
  }

  private static String content(Path file) throws IOException {
    return Files.readString(file).strip();
  }

  @Test
  void listsTheCoolingFanAndThePwmChannel() {
    try (Device device = Device.open(Trees.config(Trees.raspberryPi5(dir)).build())) {
      assertThat(actuator(device, FAN))
          .isEqualTo(
              new Actuator(FAN, "fan", 0, 255, 77, dir.resolve("sys/class/hwmon/hwmon2/pwm1")));
      assertThat(actuator(device, CHANNEL))
          .isEqualTo(
              new Actuator(
                  CHANNEL,
                  "pwm",
                  0,
                  20_000_000,
                  1_500_000,
                  dir.resolve("sys/class/pwm/pwmchip0/pwm0/duty_cycle")));
    }
  }

  @Test
  void aFanWriteTakesManualControlAndClosingGivesItBack() throws IOException {
    FakeSysfs fake = Trees.raspberryPi5(dir);
    Path hwmon = fake.sysfsRoot().resolve("devices/platform/cooling_fan/hwmon/hwmon2");
    try (Device device = Device.open(Trees.config(fake).build())) {
      assertThat(device.write(FAN, 200))
          .isInstanceOfSatisfying(
              WriteResult.Written.class, w -> assertThat(w.actuator().value()).isEqualTo(200));
      assertThat(content(hwmon.resolve("pwm1"))).isEqualTo("200");
      assertThat(content(hwmon.resolve("pwm1_enable")))
          .as("manual while Pollux runs")
          .isEqualTo("1");

      assertThat(device.write(FAN, 10)).isInstanceOf(WriteResult.Written.class);
      assertThat(device.write(FAN, 256)).isInstanceOf(WriteResult.OutOfRange.class);
    }
    assertThat(content(hwmon.resolve("pwm1_enable")))
        .as("pwm1_enable after the device closed: the automatic mode it had")
        .isEqualTo("2");
  }

  @Test
  void aFanThatWasAlreadyManualIsLeftManual() throws IOException {
    FakeSysfs fake = FakeSysfs.in(dir);
    Path hwmon = fake.hwmon(0, "nct6775", "platform/nct6775.656").pwm(2, 100, 1).dir();
    try (Device device = Device.open(Trees.config(fake).build())) {
      assertThat(device.write("fan_platform_nct6775_656_pwm2", 50))
          .isInstanceOf(WriteResult.Written.class);
    }
    assertThat(content(hwmon.resolve("pwm2"))).isEqualTo("50");
    assertThat(content(hwmon.resolve("pwm2_enable"))).isEqualTo("1");
  }

  @Test
  void thePwmChannelTakesADutyCycleUpToItsPeriod() throws IOException {
    FakeSysfs fake = Trees.raspberryPi5(dir);
    Path channel = fake.pwmChannelDir(0, 0);
    try (Device device = Device.open(Trees.config(fake).build())) {
      assertThat(device.write(CHANNEL, 20_000_000)).isInstanceOf(WriteResult.Written.class);
      assertThat(content(channel.resolve("duty_cycle"))).isEqualTo("20000000");
      assertThat(device.write(CHANNEL, 20_000_001))
          .isInstanceOfSatisfying(
              WriteResult.OutOfRange.class,
              r -> assertThat(r.actuator().max()).isEqualTo(20_000_000));
      assertThat(device.write(CHANNEL, 0)).isInstanceOf(WriteResult.Written.class);
      assertThat(content(channel.resolve("duty_cycle"))).isEqualTo("0");
      assertThat(content(channel.resolve("enable"))).as("enable is left alone").isEqualTo("1");
    }
  }

  @Test
  void aPwmChannelWithoutAReadablePeriodIsListedWithItsError() {
    FakeSysfs fake = FakeSysfs.in(dir).pwmChannel(1, 0, 1_000_000, 0);
    fake.delete(fake.pwmChannelDir(1, 0).resolve("period"));
    try (Device device = Device.open(Trees.config(fake).build())) {
      assertThat(actuator(device, "pwm_pwmchip1_pwm0").error()).isEqualTo("file missing");
      assertThat(device.write("pwm_pwmchip1_pwm0", 0)).isInstanceOf(WriteResult.Failed.class);
    }
  }
}
