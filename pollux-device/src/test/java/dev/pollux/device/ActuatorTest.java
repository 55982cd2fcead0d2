package dev.pollux.device;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pollux.testing.sysfs.FakeSysfs;
import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ActuatorTest {
  @TempDir Path dir;

  @Test
  void listsLedsWithRangeAndCurrentValue() {
    try (Device device = Device.open(Trees.config(Trees.raspberryPi(dir)).build())) {
      assertThat(device.actuators())
          .extracting(Actuator::id, Actuator::min, Actuator::max, Actuator::value)
          .containsExactly(Tuple.tuple("led_act", 0, 255, 0), Tuple.tuple("led_pwr", 0, 255, 255));
    }
  }

  @Test
  void writesAValueInRange() throws Exception {
    FakeSysfs fake = Trees.raspberryPi(dir);
    try (Device device = Device.open(Trees.config(fake).build())) {
      WriteResult result = device.write("led_act", 128);
      assertThat(result).isInstanceOf(WriteResult.Written.class);
      assertThat(((WriteResult.Written) result).actuator().value()).isEqualTo(128);
      Path brightness = fake.sysfsRoot().resolve("class/leds/ACT/brightness");
      assertThat(Files.readString(brightness)).isEqualTo("128\n");
    }
  }

  @Test
  void refusesAValueOutOfRange() {
    try (Device device = Device.open(Trees.config(Trees.raspberryPi(dir)).build())) {
      assertThat(device.write("led_act", 256))
          .isInstanceOfSatisfying(
              WriteResult.OutOfRange.class,
              r -> {
                assertThat(r.value()).isEqualTo(256);
                assertThat(r.actuator().max()).isEqualTo(255);
              });
      assertThat(device.write("led_act", -1)).isInstanceOf(WriteResult.OutOfRange.class);
    }
  }

  @Test
  void answersUnknownForAnIdThatIsNoActuator() {
    try (Device device = Device.open(Trees.config(Trees.raspberryPi(dir)).build())) {
      assertThat(device.write("led_nope", 1)).isEqualTo(new WriteResult.Unknown("led_nope"));
    }
  }

  @Test
  void answersDeniedWhenTheFileCannotBeWritten() {
    FakeSysfs fake = Trees.raspberryPi(dir);
    fake.directoryInPlaceOf(fake.sysfsRoot().resolve("class/leds/ACT/brightness"));
    try (Device device = Device.open(Trees.config(fake).build())) {
      assertThat(device.write("led_act", 1))
          .isInstanceOfSatisfying(
              WriteResult.Denied.class,
              r -> assertThat(r.reason()).isEqualTo("not a writable file"));
    }
  }
}
