package dev.pollux.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sensors and actuators another module supplies (GPIO lines) sit beside the discovered ones. */
class ExternalDevicesTest {
  @TempDir Path dir;

  private static final Sensor DOOR =
      new Sensor(
          "door",
          SensorKind.BOOLEAN,
          Unit.NONE,
          "gpiochip0 line 17",
          new Source.Gpio("gpiochip0", 17, Path.of("/dev/gpiochip0")));

  @Test
  void anExternalSensorIsSampledAndPublishedOnDemand() {
    AtomicInteger level = new AtomicInteger();
    ExternalSensor door =
        new ExternalSensor() {
          @Override
          public Sensor sensor() {
            return DOOR;
          }

          @Override
          public double read() {
            return level.get();
          }
        };
    try (Device device = Device.open(Trees.config(Trees.raspberryPi(dir)).build())) {
      device.addExternal(List.of(door));
      List<Snapshot> published = new ArrayList<>();
      device.addListener(published::add);
      assertThat(device.sampleOnce().reading("door").value()).isZero();
      level.set(1);
      Snapshot now = device.publishNow();
      assertThat(now.reading("door").value()).isEqualTo(1);
      assertThat(published).hasSize(2).last().isSameAs(now);
      device.rescan();
      assertThat(device.sensors()).as("kept by a rescan").contains(DOOR);
    }
  }

  @Test
  void aFailingExternalSensorReadsAsAnError() {
    ExternalSensor broken =
        new ExternalSensor() {
          @Override
          public Sensor sensor() {
            return DOOR;
          }

          @Override
          public double read() throws IOException {
            throw new IOException("EIO");
          }
        };
    try (Device device = Device.open(Trees.config(Trees.raspberryPi(dir)).build())) {
      device.addExternal(List.of(broken));
      Reading reading = device.sampleOnce().reading("door");
      assertThat(reading.status()).isEqualTo(Reading.Status.ERROR);
    }
  }

  @Test
  void anExternalActuatorIsListedAndWrittenWithinItsRange() {
    AtomicInteger value = new AtomicInteger();
    Path chip = Path.of("/dev/gpiochip0");
    ExternalActuator relay =
        new ExternalActuator() {
          @Override
          public String id() {
            return "relay";
          }

          @Override
          public Actuator read() {
            return new Actuator("relay", "gpio", 0, 1, value.get(), chip);
          }

          @Override
          public WriteResult write(int v) {
            value.set(v);
            return new WriteResult.Written(read());
          }
        };
    try (Device device = Device.open(Trees.config(Trees.raspberryPi(dir)).build())) {
      device.addExternal(relay);
      assertThat(device.actuators()).extracting(Actuator::id).endsWith("relay");
      assertThat(device.write("relay", 1)).isInstanceOf(WriteResult.Written.class);
      assertThat(value.get()).isEqualTo(1);
      assertThat(device.write("relay", 2)).isInstanceOf(WriteResult.OutOfRange.class);
      assertThat(device.write("led_act", 3)).isInstanceOf(WriteResult.Written.class);
    }
  }
}
