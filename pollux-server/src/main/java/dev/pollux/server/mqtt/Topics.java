package dev.pollux.server.mqtt;

/**
 * The topics of one device under one prefix, e.g. {@code
 * pollux/kitchen-pi/sensor/thermal_zone0/state} and the Home Assistant discovery topic {@code
 * homeassistant/sensor/kitchen-pi/thermal_zone0/config}.
 */
final class Topics {

  /** Home Assistant's default discovery prefix and its birth/last-will topic. */
  static final String HA_PREFIX = "homeassistant";

  static final String HA_STATUS = HA_PREFIX + "/status";

  private static final String SET = "/set";

  private final String base;
  private final String deviceId;
  private final String actuatorBase;

  /** {@code prefix} like {@code pollux} or {@code site/pollux}; {@code deviceId} [A-Za-z0-9_-]. */
  Topics(String prefix, String deviceId) {
    this.base = prefix + "/" + deviceId;
    this.deviceId = deviceId;
    this.actuatorBase = base + "/actuator/";
  }

  /** {@code <prefix>/<device>/status}: {@code online}, or {@code offline} (also the last will). */
  String status() {
    return base + "/status";
  }

  /** {@code <prefix>/<device>/sensor/<id>/state}. */
  String sensorState(String sensorId) {
    return base + "/sensor/" + sensorId + "/state";
  }

  /** {@code <prefix>/<device>/actuator/<id>/state}. */
  String actuatorState(String actuatorId) {
    return actuatorBase + actuatorId + "/state";
  }

  /** {@code <prefix>/<device>/actuator/<id>/set}. */
  String actuatorSet(String actuatorId) {
    return actuatorBase + actuatorId + SET;
  }

  /** The subscription for every actuator's commands: {@code <prefix>/<device>/actuator/+/set}. */
  String actuatorSetFilter() {
    return actuatorBase + "+" + SET;
  }

  /**
   * {@code homeassistant/<component>/<device>/<id>/config}, component {@code sensor}/{@code
   * number}.
   */
  String discovery(String component, String objectId) {
    return HA_PREFIX + "/" + component + "/" + deviceId + "/" + objectId + "/config";
  }

  /** {@code homeassistant/device/<device>/config}: the device-based discovery config. */
  String deviceDiscovery() {
    return HA_PREFIX + "/device/" + deviceId + "/config";
  }

  /**
   * The filter of every per-component discovery config of this device, {@code
   * homeassistant/+/<device>/+/config} (the device config has one level less and is not in it).
   */
  String componentDiscoveryFilter() {
    return HA_PREFIX + "/+/" + deviceId + "/+/config";
  }

  /** Whether {@code topic} is {@code homeassistant/<platform>/<device>/<id>/config}. */
  boolean isComponentDiscovery(String topic) {
    String start = HA_PREFIX + "/";
    String middle = "/" + deviceId + "/";
    String end = "/config";
    if (!topic.startsWith(start) || !topic.endsWith(end)) {
      return false;
    }
    String inner = topic.substring(start.length(), topic.length() - end.length());
    int at = inner.indexOf(middle);
    return at > 0
        && inner.indexOf('/') == at
        && inner.indexOf('/', at + middle.length()) < 0
        && inner.length() > at + middle.length();
  }

  /**
   * The actuator id of a command topic {@code <prefix>/<device>/actuator/<id>/set}, or null when
   * {@code topic} is not one (or its id level is empty).
   */
  String actuatorOfSet(String topic) {
    if (!topic.startsWith(actuatorBase) || !topic.endsWith(SET)) {
      return null;
    }
    int end = topic.length() - SET.length();
    if (end <= actuatorBase.length()) {
      return null;
    }
    String id = topic.substring(actuatorBase.length(), end);
    return id.indexOf('/') >= 0 ? null : id;
  }
}
