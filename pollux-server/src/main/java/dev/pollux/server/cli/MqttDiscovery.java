package dev.pollux.server.cli;

import java.util.Locale;

/**
 * How the MQTT bridge announces the device to Home Assistant ({@code --mqtt-discovery}).
 *
 * <ul>
 *   <li>{@link #DEVICE}: one retained {@code homeassistant/device/<device-id>/config} holding every
 *       entity (Home Assistant 2024.11 and later);
 *   <li>{@link #COMPONENT}: one retained {@code homeassistant/<platform>/<device-id>/<id>/config}
 *       per entity, for older Home Assistant releases.
 * </ul>
 */
public enum MqttDiscovery {
  DEVICE,
  COMPONENT;

  /** {@code device} or {@code component}, as on the command line. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
