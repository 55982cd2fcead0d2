package dev.pollux.server.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.pollux.device.SensorKind;
import dev.pollux.device.Unit;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DiscoveryTest {

  private final Topics topics = new Topics("pollux", "kitchen-pi");
  private final Discovery discovery =
      new Discovery(topics, "kitchen-pi", "0.1.0", Duration.ofSeconds(10));

  @Test
  void sensorConfigHasWhatHomeAssistantNeeds() throws IOException {
    Map<String, Object> config = JSON.std.mapFrom(discovery.sensor(Fixtures.ZONE0));

    assertThat(config)
        .containsEntry("name", "x86_pkg_temp")
        .containsEntry("unique_id", "pollux_kitchen-pi_thermal_zone0")
        .containsEntry("state_topic", "pollux/kitchen-pi/sensor/thermal_zone0/state")
        .containsEntry("unit_of_measurement", "°C")
        .containsEntry("device_class", "temperature")
        .containsEntry("state_class", "measurement")
        .containsEntry("availability_topic", "pollux/kitchen-pi/status")
        .containsEntry("expire_after", 30);
    assertThat(config.get("device"))
        .isEqualTo(
            Map.of(
                "identifiers", List.of("pollux_kitchen-pi"),
                "name", "kitchen-pi",
                "model", "Pollux",
                "manufacturer", "Pollux",
                "sw_version", "0.1.0"));
  }

  @Test
  void unitlessSensorHasNeitherUnitNorDeviceClass() throws IOException {
    Map<String, Object> config = JSON.std.mapFrom(discovery.sensor(Fixtures.LOAD1));

    assertThat(config).doesNotContainKeys("unit_of_measurement", "device_class");
    assertThat(config).containsEntry("state_class", "measurement");
  }

  @Test
  void ledIsANumberWithACommandTopicAndItsRange() throws IOException {
    Map<String, Object> config = JSON.std.mapFrom(discovery.actuator(Fixtures.led("led_act", 3)));

    assertThat(config)
        .containsEntry("unique_id", "pollux_kitchen-pi_led_act")
        .containsEntry("command_topic", "pollux/kitchen-pi/actuator/led_act/set")
        .containsEntry("state_topic", "pollux/kitchen-pi/actuator/led_act/state")
        .containsEntry("min", 0)
        .containsEntry("max", 255)
        .containsEntry("availability_topic", "pollux/kitchen-pi/status");
  }

  @Test
  void expiryIsThreeIntervalsInWholeSeconds() throws IOException {
    Discovery fast = new Discovery(topics, "kitchen-pi", "0.1.0", Duration.ofMillis(200));

    assertThat(JSON.std.mapFrom(fast.sensor(Fixtures.ZONE0))).containsEntry("expire_after", 3);
  }

  @ParameterizedTest
  @CsvSource(
      nullValues = "null",
      value = {
        "TEMPERATURE, CELSIUS, temperature",
        "VOLTAGE, VOLTS, voltage",
        "CURRENT, AMPERES, current",
        "POWER, WATTS, power",
        "MEMORY, BYTES, data_size",
        "UPTIME, SECONDS, duration",
        "HUMIDITY, PERCENT, humidity",
        "FAN, RPM, null",
        "LOAD, NONE, null",
        "CPU, PERCENT, null",
        "TEMPERATURE, NONE, null",
      })
  void deviceClassFollowsKindAndUnit(SensorKind kind, Unit unit, String expected) {
    assertThat(Discovery.deviceClass(kind, unit))
        .as("deviceClass(%s, %s)", kind, unit)
        .isEqualTo(expected);
  }
}
