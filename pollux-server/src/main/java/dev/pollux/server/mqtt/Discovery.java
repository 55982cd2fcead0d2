package dev.pollux.server.mqtt;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.pollux.device.Actuator;
import dev.pollux.device.Sensor;
import dev.pollux.device.SensorKind;
import dev.pollux.device.Unit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Home Assistant MQTT discovery configs, the retained JSON on {@code
 * homeassistant/sensor/<device>/<id>/config} that makes a sensor appear in Home Assistant, e.g.
 * {@code {"name":"cpu-thermal","unique_id":"pollux_kitchen-pi_thermal_zone0",
 * "state_topic":"pollux/kitchen-pi/sensor/thermal_zone0/state","unit_of_measurement":"°C",
 * "device_class":"temperature","state_class":"measurement",...}}.
 *
 * <p>A sensor's {@code expire_after} is a few publish intervals: the bridge publishes fresh values
 * only, so a sensor that fails or goes stale shows as unavailable in Home Assistant instead of
 * keeping its last value forever. LEDs are {@code number} entities (a slider from min to max) with
 * a command topic. See https://www.home-assistant.io/integrations/mqtt/#mqtt-discovery.
 */
final class Discovery {

  /** A state older than this many publish intervals has expired in Home Assistant. */
  static final int EXPIRE_INTERVALS = 3;

  private final Topics topics;
  private final String deviceId;
  private final Map<String, Object> deviceBlock;
  private final long expireAfterSeconds;

  Discovery(Topics topics, String deviceId, String version, Duration interval) {
    this.topics = topics;
    this.deviceId = deviceId;
    Map<String, Object> device = new LinkedHashMap<>();
    device.put("identifiers", List.of("pollux_" + deviceId));
    device.put("name", deviceId);
    device.put("model", "Pollux");
    device.put("manufacturer", "Pollux");
    device.put("sw_version", version);
    this.deviceBlock = Collections.unmodifiableMap(device);
    long intervalSeconds = Math.max(1, (interval.toMillis() + 999) / 1000);
    this.expireAfterSeconds = EXPIRE_INTERVALS * intervalSeconds;
  }

  /** {@code pollux_<device>_<id>}: unique per device and sensor, stable across restarts. */
  String uniqueId(String id) {
    return "pollux_" + deviceId + "_" + id;
  }

  /** The config of a sensor entity, for {@link Topics#discovery} with component {@code sensor}. */
  byte[] sensor(Sensor sensor) {
    Map<String, Object> config = common(sensor.id(), sensor.label());
    config.put("state_topic", topics.sensorState(sensor.id()));
    if (sensor.unit() != Unit.NONE) {
      config.put("unit_of_measurement", sensor.unit().symbol());
    }
    String deviceClass = deviceClass(sensor.kind(), sensor.unit());
    if (deviceClass != null) {
      config.put("device_class", deviceClass);
    }
    config.put("state_class", "measurement");
    config.put("expire_after", expireAfterSeconds);
    return json(config);
  }

  /** The config of an LED as a {@code number} entity: a slider from its min to its max. */
  byte[] actuator(Actuator actuator) {
    Map<String, Object> config = common(actuator.id(), actuator.id());
    config.put("command_topic", topics.actuatorSet(actuator.id()));
    config.put("state_topic", topics.actuatorState(actuator.id()));
    config.put("min", actuator.min());
    config.put("max", actuator.max());
    config.put("step", 1);
    config.put("mode", "slider");
    return json(config);
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

  private Map<String, Object> common(String id, String name) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("name", name == null || name.isBlank() ? id : name);
    config.put("unique_id", uniqueId(id));
    config.put("availability_topic", topics.status());
    config.put("payload_available", BrokerLink.ONLINE);
    config.put("payload_not_available", BrokerLink.OFFLINE);
    config.put("device", deviceBlock);
    return config;
  }

  private static byte[] json(Map<String, Object> config) {
    try {
      return JSON.std.asString(config).getBytes(StandardCharsets.UTF_8);
    } catch (IOException e) {
      // Maps of strings, numbers and lists always serialise; this is a bug if it happens.
      throw new UncheckedIOException("cannot write a discovery config", e);
    }
  }
}
