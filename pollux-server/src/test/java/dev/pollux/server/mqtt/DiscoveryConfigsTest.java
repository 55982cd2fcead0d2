package dev.pollux.server.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.pollux.device.Actuator;
import dev.pollux.device.Sensor;
import dev.pollux.device.SensorKind;
import dev.pollux.device.Source;
import dev.pollux.device.Unit;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DiscoveryConfigsTest {
  private final Topics topics = new Topics("pollux", "pi");
  private final DiscoveryConfigs discovery = Fixtures.discovery(topics);

  private static final Sensor UNDER_VOLTAGE =
      new Sensor(
          "hwmon_rpi_volt_in0_lcrit_alarm",
          SensorKind.BOOLEAN,
          Unit.NONE,
          "under-voltage",
          new Source.Hwmon(
              "rpi_volt", "rpi_volt", "in0", Path.of("/sys/class/hwmon/hwmon1/in0_lcrit_alarm")));

  private static final Sensor DOOR =
      new Sensor(
          "door",
          SensorKind.BOOLEAN,
          Unit.NONE,
          "door",
          new Source.Proc("door", Path.of("/dev/gpiochip0")));

  private Map<String, Object> entity(Entities.Component component) throws IOException {
    Map<String, Object> config = JSON.std.mapFrom(discovery.componentConfig(component));
    HaSchema.checkEntity(component.platform(), config);
    return config;
  }

  @Test
  void aThermalZoneIsATemperatureSensorWithAFewDecimals() throws IOException {
    Entities.Component zone = discovery.sensor(Fixtures.ZONE0);

    assertThat(zone.platform()).isEqualTo("sensor");
    assertThat(discovery.componentTopic(zone))
        .isEqualTo("homeassistant/sensor/pi/thermal_zone0/config");
    assertThat(entity(zone))
        .containsEntry("name", "x86_pkg_temp")
        .containsEntry("unique_id", "pollux_pi_thermal_zone0")
        .containsEntry("state_topic", "pollux/pi/sensor/thermal_zone0/state")
        .containsEntry("unit_of_measurement", "°C")
        .containsEntry("device_class", "temperature")
        .containsEntry("state_class", "measurement")
        .containsEntry("suggested_display_precision", 1)
        .containsEntry("availability_topic", "pollux/pi/status")
        .containsEntry("expire_after", 30)
        .doesNotContainKey("entity_category");
  }

  @Test
  void theLoadIsADiagnosticSensorWithoutUnitOrClass() throws IOException {
    assertThat(entity(discovery.sensor(Fixtures.LOAD1)))
        .containsEntry("entity_category", "diagnostic")
        .containsEntry("suggested_display_precision", 2)
        .doesNotContainKeys("unit_of_measurement", "device_class");
  }

  @Test
  void anLedIsALightWhoseBrightnessScalesToItsMaximum() throws IOException {
    Entities.Component led = discovery.actuator(Fixtures.led("led_act", 3));

    assertThat(led.platform()).isEqualTo("light");
    assertThat(entity(led))
        .containsEntry("command_topic", "pollux/pi/actuator/led_act/set")
        .containsEntry("brightness_command_topic", "pollux/pi/actuator/led_act/set")
        .containsEntry("brightness_state_topic", "pollux/pi/actuator/led_act/state")
        .containsEntry("brightness_scale", 255)
        .containsEntry("on_command_type", "brightness")
        .containsEntry("payload_off", "0");
    Entities.Component onOff =
        discovery.actuator(new Actuator("led_pwr", "led", 0, 1, 0, Path.of("/x")));
    assertThat(entity(onOff)).containsEntry("brightness_scale", 1).containsEntry("payload_on", "1");
  }

  @Test
  void aGpioOutputIsASwitchAndAFanPwmANumber() throws IOException {
    Entities.Component relay =
        discovery.actuator(new Actuator("relay", "gpio", 0, 1, 0, Path.of("/dev/gpiochip0")));
    assertThat(relay.platform()).isEqualTo("switch");
    assertThat(entity(relay)).containsEntry("state_on", "1").containsEntry("payload_off", "0");

    Entities.Component fan =
        discovery.actuator(new Actuator("hwmon_fan_pwm1", "fan", 0, 255, 0, Path.of("/x")));
    assertThat(fan.platform()).isEqualTo("number");
    assertThat(entity(fan)).containsEntry("min", 0).containsEntry("max", 255);
  }

  @Test
  void booleansAreBinarySensorsAlarmsAreProblems() throws IOException {
    Entities.Component alarm = discovery.sensor(UNDER_VOLTAGE);
    assertThat(alarm.platform()).isEqualTo("binary_sensor");
    assertThat(entity(alarm))
        .containsEntry("device_class", "problem")
        .containsEntry("entity_category", "diagnostic")
        .containsEntry("payload_on", "1")
        .containsEntry("payload_off", "0");

    Entities.Component door = discovery.sensor(DOOR);
    assertThat(entity(door)).doesNotContainKeys("device_class", "entity_category");
  }

  @Test
  @SuppressWarnings("unchecked")
  void theDeviceConfigHasDeviceOriginAndEveryComponent() throws IOException {
    byte[] payload =
        discovery.deviceConfig(
            List.of(
                discovery.sensor(Fixtures.ZONE0),
                discovery.sensor(UNDER_VOLTAGE),
                discovery.actuator(Fixtures.led("led_act", 0))));
    Map<String, Object> config = JSON.std.mapFrom(payload);

    HaSchema.checkDeviceConfig(config);
    assertThat(discovery.deviceTopic()).isEqualTo("homeassistant/device/pi/config");
    assertThat((Map<String, Object>) config.get("dev"))
        .containsEntry("identifiers", List.of("pollux_pi"))
        .containsEntry("name", "pi")
        .containsEntry("manufacturer", "Raspberry Pi Ltd")
        .containsEntry("model", "Raspberry Pi 4 Model B")
        .containsEntry("hw_version", "1.4")
        .containsEntry("sw_version", "0.1.0")
        .containsEntry("configuration_url", "http://pi.local:8080/");
    assertThat((Map<String, Object>) config.get("o"))
        .containsEntry("name", "Pollux")
        .containsEntry("sw_version", "0.1.0")
        .containsKey("support_url");
    Map<String, Object> cmps = (Map<String, Object>) config.get("cmps");
    assertThat(cmps).containsOnlyKeys("thermal_zone0", "hwmon_rpi_volt_in0_lcrit_alarm", "led_act");
    assertThat((Map<String, Object>) cmps.get("led_act")).containsEntry("p", "light");
  }

  @Test
  @SuppressWarnings("unchecked")
  void aPerComponentConfigCarriesDeviceAndOrigin() throws IOException {
    Map<String, Object> config = entity(discovery.sensor(Fixtures.ZONE0));
    HaSchema.checkDevice((Map<String, Object>) config.get("device"));
    HaSchema.checkOrigin((Map<String, Object>) config.get("origin"));
  }

  @Test
  void expiryIsThreeIntervalsInWholeSeconds() throws IOException {
    DiscoveryConfigs fast =
        new DiscoveryConfigs(
            topics,
            "pi",
            "0.1.0",
            Duration.ofMillis(200),
            new Hardware(Optional.empty(), Optional.empty(), Optional.empty()),
            URI.create("http://pi:8080/"));
    assertThat(JSON.std.mapFrom(fast.componentConfig(fast.sensor(Fixtures.ZONE0))))
        .containsEntry("expire_after", 3);
  }

  @Test
  void hardwareComesFromTheDeviceTreeElseFromDmi() {
    assertThat(Hardware.fromDeviceTree("Raspberry Pi 5 Model B Rev 1.0", Optional.empty()))
        .isEqualTo(
            new Hardware(
                Optional.of("Raspberry Pi Ltd"),
                Optional.of("Raspberry Pi 5 Model B"),
                Optional.of("1.0")));
    assertThat(
            Hardware.fromDeviceTree(
                "FriendlyElec NanoPi R4S", Optional.of("friendlyarm,nanopi-r4s")))
        .isEqualTo(
            new Hardware(
                Optional.of("friendlyarm"),
                Optional.of("FriendlyElec NanoPi R4S"),
                Optional.empty()));
  }

  @ParameterizedTest
  @CsvSource({
    "TEMPERATURE, CELSIUS, temperature",
    "VOLTAGE, VOLTS, voltage",
    "CURRENT, AMPERES, current",
    "POWER, WATTS, power",
    "MEMORY, BYTES, data_size",
    "UPTIME, SECONDS, duration",
    "HUMIDITY, PERCENT, humidity",
    "FREQUENCY, HERTZ, frequency",
    "FAN, RPM, ",
    "LOAD, NONE, ",
    "CPU, PERCENT, ",
    "TEMPERATURE, NONE, ",
  })
  void deviceClassFollowsKindAndUnit(SensorKind kind, Unit unit, String expected) {
    assertThat(Entities.deviceClass(kind, unit))
        .as("device class of %s in %s", kind, unit)
        .isEqualTo(expected);
  }
}
