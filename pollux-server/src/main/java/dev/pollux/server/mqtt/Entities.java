package dev.pollux.server.mqtt;

import dev.pollux.device.Actuator;
import dev.pollux.device.Sensor;
import dev.pollux.device.SensorKind;
import dev.pollux.device.Source;
import dev.pollux.device.Unit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What each sensor and actuator is to Home Assistant: its platform and its entity options, e.g. the
 * thermal zone {@code sensor} with {@code device_class: temperature}, the load average a {@code
 * diagnostic} sensor, an LED a {@code light} whose brightness goes up to its {@code
 * max_brightness}, a boolean alarm a {@code binary_sensor} with {@code device_class: problem}, a
 * GPIO output a {@code switch}, a fan's PWM a {@code number}.
 *
 * <p>Every option used here is in Home Assistant's documentation of its MQTT platform ({@code
 * sensor.mqtt}, {@code binary_sensor.mqtt}, {@code light.mqtt} with the default schema, {@code
 * switch.mqtt}, {@code number.mqtt}); the values go out as the sensors' and actuators' plain state
 * topics carry them (numbers; {@code 0}/{@code 1}), so no templates are needed but the light's
 * on/off one.
 */
final class Entities {

  /** An entity: the platform ({@code sensor}, {@code light}…), its object id and its options. */
  record Component(String platform, String objectId, Map<String, Object> config) {}

  /** An LED's state is its brightness; the light is on when it is not 0. */
  static final String LIGHT_STATE_TEMPLATE = "{{ 'ON' if value | int(0) > 0 else 'OFF' }}";

  private final Topics topics;
  private final String deviceId;
  private final long expireAfterSeconds;

  Entities(Topics topics, String deviceId, long expireAfterSeconds) {
    this.topics = topics;
    this.deviceId = deviceId;
    this.expireAfterSeconds = expireAfterSeconds;
  }

  /** {@code pollux_<device>_<id>}: unique per device and entity, stable across restarts. */
  String uniqueId(String id) {
    return "pollux_" + deviceId + "_" + id;
  }

  Component sensor(Sensor sensor) {
    Map<String, Object> config = common(sensor.id(), sensor.label());
    config.put("state_topic", topics.sensorState(sensor.id()));
    config.put("expire_after", expireAfterSeconds);
    if (sensor.kind() == SensorKind.BOOLEAN) {
      config.put("payload_on", "1");
      config.put("payload_off", "0");
      if (isHealthFlag(sensor)) {
        config.put("device_class", "problem");
        config.put("entity_category", "diagnostic");
      }
      return new Component("binary_sensor", sensor.id(), freeze(config));
    }
    if (sensor.unit() != Unit.NONE) {
      config.put("unit_of_measurement", sensor.unit().symbol());
    }
    String deviceClass = deviceClass(sensor.kind(), sensor.unit());
    if (deviceClass != null) {
      config.put("device_class", deviceClass);
    }
    config.put("state_class", "measurement");
    config.put("suggested_display_precision", displayPrecision(sensor.kind()));
    if (isDiagnostic(sensor.kind())) {
      config.put("entity_category", "diagnostic");
    }
    return new Component("sensor", sensor.id(), freeze(config));
  }

  /**
   * An LED as a {@code light}: off is brightness 0 on the command topic, on is a brightness from 1
   * to {@code max_brightness} ({@code brightness_scale}, so Home Assistant's 0-255 slider maps onto
   * the LED's own range), sent alone ({@code on_command_type: brightness}). A GPIO output is a
   * {@code switch} of {@code 1}/{@code 0}; anything else (fans' PWM, PWM channels) a {@code number}
   * slider over its range.
   */
  Component actuator(Actuator actuator) {
    String id = actuator.id();
    Map<String, Object> config = common(id, id);
    config.put("command_topic", topics.actuatorSet(id));
    config.put("state_topic", topics.actuatorState(id));
    return switch (actuator.kind()) {
      case "led" -> light(config, actuator);
      case "gpio" -> toggle(config, id);
      default -> number(config, actuator);
    };
  }

  private static Component light(Map<String, Object> config, Actuator led) {
    config.put("state_value_template", LIGHT_STATE_TEMPLATE);
    config.put("payload_on", Integer.toString(led.max()));
    config.put("payload_off", "0");
    config.put("brightness_command_topic", config.get("command_topic"));
    config.put("brightness_state_topic", config.get("state_topic"));
    config.put("brightness_scale", Math.max(1, led.max()));
    config.put("on_command_type", "brightness");
    return new Component("light", led.id(), freeze(config));
  }

  private static Component toggle(Map<String, Object> config, String id) {
    config.put("payload_on", "1");
    config.put("payload_off", "0");
    config.put("state_on", "1");
    config.put("state_off", "0");
    return new Component("switch", id, freeze(config));
  }

  private static Component number(Map<String, Object> config, Actuator actuator) {
    config.put("min", actuator.min());
    config.put("max", actuator.max());
    config.put("step", 1);
    config.put("mode", "slider");
    return new Component("number", actuator.id(), freeze(config));
  }

  /**
   * Home Assistant's sensor device class for a kind, or null where none fits (fan speed, load, CPU
   * busy): a wrong class would make Home Assistant reject the unit.
   */
  static String deviceClass(SensorKind kind, Unit unit) {
    return switch (kind) {
      case TEMPERATURE -> unit == Unit.CELSIUS ? "temperature" : null;
      case VOLTAGE -> unit == Unit.VOLTS ? "voltage" : null;
      case CURRENT -> unit == Unit.AMPERES ? "current" : null;
      case POWER -> unit == Unit.WATTS ? "power" : null;
      case MEMORY -> unit == Unit.BYTES ? "data_size" : null;
      case UPTIME -> unit == Unit.SECONDS ? "duration" : null;
      case HUMIDITY -> unit == Unit.PERCENT ? "humidity" : null;
      case FREQUENCY -> unit == Unit.HERTZ ? "frequency" : null;
      case FAN, LOAD, CPU, BOOLEAN, PWM -> null;
    };
  }

  /** The machine's own health, not what it measures: Home Assistant files these apart. */
  static boolean isDiagnostic(SensorKind kind) {
    return switch (kind) {
      case LOAD, MEMORY, UPTIME, CPU, FREQUENCY -> true;
      default -> false;
    };
  }

  /**
   * Decimals worth showing: the kernel's milli-units are finer than any of these sensors is
   * accurate (a thermal zone's last digits are noise), so a tenth of a degree, hundredths of volts
   * and amperes and of a load average, whole RPM, bytes, seconds and hertz.
   */
  static int displayPrecision(SensorKind kind) {
    return switch (kind) {
      case VOLTAGE, CURRENT, LOAD -> 2;
      case TEMPERATURE, POWER, CPU, HUMIDITY -> 1;
      default -> 0;
    };
  }

  /**
   * A boolean from the hardware's health (an hwmon alarm, the firmware's throttling flags) rather
   * than from a GPIO line a person wired: those are Home Assistant {@code problem}s.
   */
  static boolean isHealthFlag(Sensor sensor) {
    Source source = sensor.source();
    return !(source.path().toString().contains("gpiochip") || source instanceof Source.Simulated);
  }

  private Map<String, Object> common(String id, String name) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("name", name == null || name.isBlank() ? id : name);
    config.put("unique_id", uniqueId(id));
    return config;
  }

  private static Map<String, Object> freeze(Map<String, Object> config) {
    return Collections.unmodifiableMap(config);
  }
}
