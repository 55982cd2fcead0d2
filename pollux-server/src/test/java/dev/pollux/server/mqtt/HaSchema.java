package dev.pollux.server.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What Home Assistant's documentation says a discovery payload may and must hold, for the platforms
 * Pollux uses, written down so that tests check every payload against it. The facts and the pages
 * they come from (home-assistant.io, read for Home Assistant 2024.11 - 2025.x):
 *
 * <ul>
 *   <li>{@code /integrations/mqtt/} "Device discovery payload": the topic is {@code
 *       <prefix>/device/<object_id>/config}; {@code dev} ({@code device}) and {@code o} ({@code
 *       origin}) and {@code cmps} ({@code components}) are required; each component has {@code p}
 *       ({@code platform}); shared options at the top level are the availability ones, {@code
 *       state_topic}, {@code command_topic}, {@code qos}, {@code encoding}. The origin needs {@code
 *       name}, may have {@code sw_version} ({@code sw}) and {@code support_url} ({@code url}). A
 *       device needs {@code identifiers} or {@code connections}; {@code configuration_url} must be
 *       an http(s) or {@code homeassistant://} URL. Migration: {@code {"migrate_discovery": true}}
 *       on the old topic first, then the new config, then an empty retained payload on the old
 *       topic.
 *   <li>{@code /integrations/sensor.mqtt/}: {@code state_topic} required; {@code state_class} one
 *       of {@code measurement}, {@code total}, {@code total_increasing}; {@code entity_category} of
 *       a sensor may only be {@code diagnostic}; {@code suggested_display_precision} an integer.
 *   <li>{@code /integrations/binary_sensor.mqtt/}: {@code state_topic} required; {@code
 *       payload_on}/{@code payload_off} default {@code ON}/{@code OFF}.
 *   <li>{@code /integrations/light.mqtt/} (default schema): {@code command_topic} required; {@code
 *       on_command_type} one of {@code first}, {@code last}, {@code brightness}; {@code
 *       brightness_scale} an integer ≥ 1.
 *   <li>{@code /integrations/switch.mqtt/}: {@code command_topic}; {@code state_on}/{@code
 *       state_off} match the state topic's payloads.
 *   <li>{@code /integrations/number.mqtt/}: {@code command_topic} required; {@code mode} one of
 *       {@code auto}, {@code box}, {@code slider}.
 * </ul>
 */
final class HaSchema {
  /** Options every entity may have (the MQTT entity options shared by all platforms). */
  private static final Set<String> COMMON =
      Set.of(
          "name",
          "unique_id",
          "availability_topic",
          "payload_available",
          "payload_not_available",
          "device",
          "origin",
          "entity_category",
          "icon",
          "qos",
          "enabled_by_default");

  private static final Map<String, Set<String>> OPTIONS =
      Map.of(
          "sensor",
          Set.of(
              "state_topic",
              "unit_of_measurement",
              "device_class",
              "state_class",
              "expire_after",
              "suggested_display_precision",
              "value_template",
              "force_update"),
          "binary_sensor",
          Set.of(
              "state_topic",
              "payload_on",
              "payload_off",
              "device_class",
              "expire_after",
              "off_delay"),
          "light",
          Set.of(
              "command_topic",
              "state_topic",
              "state_value_template",
              "payload_on",
              "payload_off",
              "brightness_command_topic",
              "brightness_state_topic",
              "brightness_scale",
              "on_command_type",
              "optimistic"),
          "switch",
          Set.of(
              "command_topic",
              "state_topic",
              "payload_on",
              "payload_off",
              "state_on",
              "state_off",
              "device_class"),
          "number",
          Set.of(
              "command_topic", "state_topic", "min", "max", "step", "mode", "unit_of_measurement"));

  private static final Map<String, List<String>> REQUIRED =
      Map.of(
          "sensor", List.of("state_topic"),
          "binary_sensor", List.of("state_topic"),
          "light", List.of("command_topic"),
          "switch", List.of("command_topic"),
          "number", List.of("command_topic"));

  /** Abbreviations Home Assistant expands at the top of a device config. */
  static final Set<String> DEVICE_CONFIG_KEYS =
      Set.of(
          "dev", "o", "cmps", "availability_topic", "payload_available", "payload_not_available");

  private static final Set<String> DEVICE_BLOCK =
      Set.of(
          "identifiers",
          "connections",
          "name",
          "manufacturer",
          "model",
          "hw_version",
          "sw_version",
          "configuration_url",
          "suggested_area",
          "via_device");

  private HaSchema() {}

  /** Checks one entity's options (without {@code p}) for {@code platform}. */
  static void checkEntity(String platform, Map<String, Object> config) {
    assertThat(OPTIONS).as("a platform Pollux uses").containsKey(platform);
    for (String key : config.keySet()) {
      assertThat(COMMON.contains(key) || OPTIONS.get(platform).contains(key))
          .as("%s option %s is documented (config %s)", platform, key, config)
          .isTrue();
    }
    assertThat(config)
        .as("%s required options", platform)
        .containsKeys(REQUIRED.get(platform).toArray(String[]::new));
    assertThat(config).containsKey("unique_id");
    Object category = config.get("entity_category");
    if (category != null) {
      assertThat(category)
          .isIn(
              platform.equals("sensor") ? List.of("diagnostic") : List.of("diagnostic", "config"));
    }
    if (config.containsKey("state_class")) {
      assertThat(config.get("state_class")).isIn("measurement", "total", "total_increasing");
    }
    if (config.containsKey("on_command_type")) {
      assertThat(config.get("on_command_type")).isIn("first", "last", "brightness");
    }
    if (config.containsKey("brightness_scale")) {
      assertThat((Integer) config.get("brightness_scale")).isGreaterThanOrEqualTo(1);
    }
    if (config.containsKey("mode")) {
      assertThat(config.get("mode")).isIn("auto", "box", "slider");
    }
    if (config.containsKey("suggested_display_precision")) {
      assertThat(config.get("suggested_display_precision")).isInstanceOf(Integer.class);
    }
  }

  /** Checks a device or per-component {@code device} block. */
  static void checkDevice(Map<String, Object> device) {
    assertThat(DEVICE_BLOCK).as("device keys of %s", device).containsAll(device.keySet());
    assertThat(device.containsKey("identifiers") || device.containsKey("connections")).isTrue();
    Object url = device.get("configuration_url");
    if (url != null) {
      assertThat((String) url).matches("(https?|homeassistant)://.+");
    }
  }

  /** Checks an origin block. */
  static void checkOrigin(Map<String, Object> origin) {
    assertThat(origin).containsKey("name");
    assertThat(Set.of("name", "sw_version", "support_url")).containsAll(origin.keySet());
  }

  /** Checks a whole device config, each of its components included. */
  @SuppressWarnings("unchecked")
  static void checkDeviceConfig(Map<String, Object> config) {
    assertThat(DEVICE_CONFIG_KEYS).as("top-level keys").containsAll(config.keySet());
    assertThat(config).containsKeys("dev", "o", "cmps");
    checkDevice((Map<String, Object>) config.get("dev"));
    checkOrigin((Map<String, Object>) config.get("o"));
    Map<String, Object> cmps = (Map<String, Object>) config.get("cmps");
    assertThat(cmps).isNotEmpty();
    cmps.forEach(
        (id, value) -> {
          assertThat(id).matches("[a-zA-Z0-9_-]+");
          Map<String, Object> entity = new LinkedHashMap<>((Map<String, Object>) value);
          Object platform = entity.remove("p");
          assertThat(platform).as("p of %s", id).isNotNull();
          checkEntity((String) platform, entity);
        });
  }
}
