package dev.pollux.server.mqtt;

import dev.pollux.device.Actuator;
import dev.pollux.device.Primary;
import dev.pollux.device.Reading;
import dev.pollux.device.Sensor;
import dev.pollux.device.SensorKind;
import dev.pollux.device.Snapshot;
import dev.pollux.device.Source;
import dev.pollux.device.Unit;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Sensors, readings, snapshots and LEDs for the bridge's pure tests. */
final class Fixtures {

  static final Sensor ZONE0 =
      new Sensor(
          "thermal_zone0",
          SensorKind.TEMPERATURE,
          Unit.CELSIUS,
          "x86_pkg_temp",
          new Source.ThermalZone(0, "x86_pkg_temp", Path.of("/sys/class/thermal/thermal_zone0")));

  static final Sensor LOAD1 =
      new Sensor(
          "load1",
          SensorKind.LOAD,
          Unit.NONE,
          "load1",
          new Source.Proc("load1", Path.of("/proc/loadavg")));

  private Fixtures() {}

  /** The discovery of device {@code pi} on a Raspberry Pi 4, its dashboard on port 8080. */
  static DiscoveryConfigs discovery(Topics topics) {
    return new DiscoveryConfigs(
        topics,
        "pi",
        "0.1.0",
        Duration.ofSeconds(10),
        Hardware.fromDeviceTree(
            "Raspberry Pi 4 Model B Rev 1.4", Optional.of("raspberrypi,4-model-b")),
        URI.create("http://pi.local:8080/"));
  }

  static Reading ok(Sensor sensor, double value) {
    return new Reading(sensor, value, 1_000, Reading.Status.OK, null, 0, 10);
  }

  static Reading stale(Sensor sensor, double value) {
    return new Reading(sensor, value, 1_000, Reading.Status.STALE, "no fresh value", 0, 9_000);
  }

  static Snapshot snapshot(Reading... readings) {
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < readings.length; i++) {
      index.put(readings[i].id(), i);
    }
    return new Snapshot(1, 1_000, List.of(readings), index, new Primary(readings[0].id(), "test"));
  }

  static Actuator led(String id, int value) {
    return new Actuator(id, "led", 0, 255, value, Path.of("/sys/class/leds/x/brightness"));
  }
}
