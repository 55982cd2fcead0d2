package dev.pollux.server.mqtt;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.pollux.device.Actuator;
import dev.pollux.device.Sensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Home Assistant MQTT discovery configs (https://www.home-assistant.io/integrations/mqtt/,
 * "MQTT Discovery"): per device, the retained {@code homeassistant/device/<device-id>/config} with
 * the {@code dev} block, the {@code o} (origin) block, the shared availability and every entity
 * under {@code cmps}; per component, for older releases, one retained {@code
 * homeassistant/<platform>/<device-id>/<id>/config} per entity, each with its {@code device} and
 * {@code origin}. What each entity is comes from {@link Entities}.
 *
 * <p>The device config's {@code cmps} keys are the entities' ids, the object ids of the
 * per-component topics: Home Assistant identifies a discovered entity by platform and {@code <node
 * id> <object id>}, and with the device id as node id both forms give the same identity, so a
 * {@code migrate_discovery} hands an entity over from one form to the other without losing its
 * history.
 */
final class DiscoveryConfigs {

  /** A state older than this many publish intervals has expired in Home Assistant. */
  static final int EXPIRE_INTERVALS = 3;

  private final Topics topics;
  private final Map<String, Object> device;
  private final Map<String, Object> origin;
  private final Entities entities;

  /**
   * @param dashboard the dashboard's address, Home Assistant's {@code configuration_url}
   */
  DiscoveryConfigs(
      Topics topics,
      String deviceId,
      String version,
      Duration interval,
      Hardware hardware,
      URI dashboard) {
    this.topics = topics;
    Map<String, Object> block = new LinkedHashMap<>();
    block.put("identifiers", List.of("pollux_" + deviceId));
    block.put("name", deviceId);
    hardware.manufacturer().ifPresent(m -> block.put("manufacturer", m));
    block.put("model", hardware.model().orElse("Linux computer"));
    hardware.version().ifPresent(v -> block.put("hw_version", v));
    block.put("sw_version", version);
    block.put("configuration_url", dashboard.toString());
    this.device = Collections.unmodifiableMap(block);
    Map<String, Object> from = new LinkedHashMap<>();
    from.put("name", "Pollux");
    from.put("sw_version", version);
    from.put("support_url", dashboard.toString());
    this.origin = Collections.unmodifiableMap(from);
    long intervalSeconds = Math.max(1, (interval.toMillis() + 999) / 1000);
    this.entities = new Entities(topics, deviceId, EXPIRE_INTERVALS * intervalSeconds);
  }

  Entities.Component sensor(Sensor sensor) {
    return entities.sensor(sensor);
  }

  Entities.Component actuator(Actuator actuator) {
    return entities.actuator(actuator);
  }

  /** {@code homeassistant/device/<device-id>/config}. */
  String deviceTopic() {
    return topics.deviceDiscovery();
  }

  /** {@code homeassistant/<platform>/<device-id>/<id>/config}. */
  String componentTopic(Entities.Component component) {
    return topics.discovery(component.platform(), component.objectId());
  }

  /** The per-component config: the entity with availability, {@code device} and {@code origin}. */
  byte[] componentConfig(Entities.Component component) {
    Map<String, Object> config = new LinkedHashMap<>(component.config());
    putAvailability(config);
    config.put("device", device);
    config.put("origin", origin);
    return json(config);
  }

  /**
   * The device config: {@code dev}, {@code o}, the availability every entity shares, and {@code
   * cmps} with each entity under its id, its platform in {@code p}.
   */
  byte[] deviceConfig(List<Entities.Component> components) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("dev", device);
    config.put("o", origin);
    putAvailability(config);
    Map<String, Object> cmps = new LinkedHashMap<>();
    for (Entities.Component component : components) {
      Map<String, Object> entity = new LinkedHashMap<>();
      entity.put("p", component.platform());
      entity.putAll(component.config());
      cmps.put(component.objectId(), entity);
    }
    config.put("cmps", cmps);
    return json(config);
  }

  /** What a topic's old retained config is told before the other form takes over. */
  static byte[] migration() {
    return "{\"migrate_discovery\": true}".getBytes(StandardCharsets.UTF_8);
  }

  private void putAvailability(Map<String, Object> config) {
    config.put("availability_topic", topics.status());
    config.put("payload_available", BrokerLink.ONLINE);
    config.put("payload_not_available", BrokerLink.OFFLINE);
  }

  static byte[] json(Map<String, Object> config) {
    try {
      return JSON.std.asString(config).getBytes(StandardCharsets.UTF_8);
    } catch (IOException e) {
      // Maps of strings, numbers and lists always serialise; this is a bug if it happens.
      throw new UncheckedIOException("cannot write a discovery config", e);
    }
  }
}
