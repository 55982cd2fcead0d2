package dev.pollux.device;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pollux.testing.sysfs.FakeSysfs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** LEDs as a Pi owner uses them: writes like {@code echo}, triggers, unreadable LEDs kept. */
class LedTest {
  @TempDir Path dir;

  private static Actuator actuator(Device device, String id) {
    return device.actuators().stream()
        .filter(a -> a.id().equals(id))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no actuator " + id + " in " + device.actuators()));
  }

  private static String content(Path file) throws IOException {
    return Files.readString(file);
  }

  @Test
  void aWriteReplacesTheWholeFileAsEchoDoes() throws IOException {
    FakeSysfs fake = FakeSysfs.in(dir).led("ACT", 128, 255);
    try (Device device = Device.open(Trees.config(fake).build())) {
      assertThat(device.write("led_act", 0)).isInstanceOf(WriteResult.Written.class);

      assertThat(content(fake.ledDir("ACT").resolve("brightness")))
          .as("brightness after writing 0 over 128")
          .isEqualTo("0\n");
      assertThat(actuator(device, "led_act").value()).isZero();
    }
  }

  @Test
  void anLedThatCannotBeReadStaysListedWithItsErrorAndCanBeWrittenAgain() throws IOException {
    FakeSysfs fake = FakeSysfs.in(dir).led("ACT", 0, 255);
    Path brightness = fake.ledDir("ACT").resolve("brightness");
    fake.write(brightness, "0\n8\n");
    try (Device device = Device.open(Trees.config(fake).build())) {
      Actuator broken = actuator(device, "led_act");
      assertThat(broken.ok()).isFalse();
      assertThat(broken.status()).isEqualTo("error");
      assertThat(broken.error()).isEqualTo("unparsable value");
      assertThat(broken.max()).isEqualTo(255);

      assertThat(device.write("led_act", 3))
          .isInstanceOfSatisfying(
              WriteResult.Written.class, w -> assertThat(w.actuator().ok()).isTrue());
      assertThat(content(brightness)).isEqualTo("3\n");
      assertThat(device.write("led_act", 256)).isInstanceOf(WriteResult.OutOfRange.class);
    }
  }

  @Test
  void anLedWithoutAReadableRangeIsListedAndRefusesWrites() {
    FakeSysfs fake = FakeSysfs.in(dir).led("ACT", 0, 255);
    fake.directoryInPlaceOf(fake.ledDir("ACT").resolve("max_brightness"));
    try (Device device = Device.open(Trees.config(fake).build())) {
      assertThat(actuator(device, "led_act").error()).isEqualTo("i/o error");
      assertThat(device.write("led_act", 1))
          .isInstanceOfSatisfying(
              WriteResult.Failed.class, f -> assertThat(f.reason()).isEqualTo("range unreadable"));
    }
  }

  @Test
  void showsTheActiveTriggerAndTheTriggerList() {
    try (Device device = Device.open(Trees.config(Trees.raspberryPi5(dir)).build())) {
      Actuator act = actuator(device, "led_act");
      assertThat(act.trigger()).isEqualTo("mmc0");
      assertThat(act.triggers())
          .containsExactly("none", "rc-feedback", "mmc0", "heartbeat", "default-on");
      Actuator pwr = actuator(device, "led_pwr");
      assertThat(pwr.trigger()).as("an LED without a trigger file").isNull();
      assertThat(pwr.triggers()).isEmpty();
    }
  }

  @Test
  void aBrightnessWriteSetsTheTriggerToNoneFirst() throws IOException {
    FakeSysfs fake = Trees.raspberryPi5(dir);
    try (Device device = Device.open(Trees.config(fake).build())) {
      WriteResult result = device.write("led_act", 1);

      assertThat(result)
          .isInstanceOfSatisfying(
              WriteResult.Written.class,
              w -> {
                assertThat(w.actuator().value()).isEqualTo(1);
                assertThat(w.actuator().trigger()).isEqualTo("none");
              });
      assertThat(content(fake.ledDir("ACT").resolve("trigger"))).isEqualTo("none\n");
      assertThat(content(fake.ledDir("ACT").resolve("brightness"))).isEqualTo("1\n");
    }
  }

  @Test
  void setsATriggerFromTheList() throws IOException {
    FakeSysfs fake = Trees.raspberryPi5(dir);
    try (Device device = Device.open(Trees.config(fake).build())) {
      assertThat(device.setTrigger("led_act", "heartbeat"))
          .isInstanceOfSatisfying(
              WriteResult.Written.class,
              w -> assertThat(w.actuator().trigger()).isEqualTo("heartbeat"));
      assertThat(content(fake.ledDir("ACT").resolve("trigger"))).isEqualTo("heartbeat\n");
    }
  }

  @Test
  void refusesATriggerTheLedDoesNotList() throws IOException {
    FakeSysfs fake = Trees.raspberryPi5(dir);
    Path trigger = fake.ledDir("ACT").resolve("trigger");
    String before = content(trigger);
    try (Device device = Device.open(Trees.config(fake).build())) {
      for (String name : List.of("disco", "[mmc0]", "none heartbeat", "")) {
        assertThat(device.setTrigger("led_act", name))
            .as("trigger '%s'", name)
            .isInstanceOfSatisfying(
                WriteResult.Unsupported.class,
                u -> assertThat(u.reason()).isEqualTo("unknown trigger"));
      }
      assertThat(device.setTrigger("led_pwr", "heartbeat"))
          .isInstanceOfSatisfying(
              WriteResult.Unsupported.class,
              u -> assertThat(u.reason()).isEqualTo("this actuator has no triggers"));
      assertThat(device.setTrigger("led_nope", "none"))
          .isEqualTo(new WriteResult.Unknown("led_nope"));
    }
    assertThat(content(trigger)).as("the trigger file after refused triggers").isEqualTo(before);
  }
}
