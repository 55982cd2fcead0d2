package dev.pollux.server.cli;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What the MQTT bridge needs from the command line, e.g. broker {@code tcp://broker:1883}, user
 * {@code pollux}, topic prefix {@code pollux}, an update at least every 10 s, QoS 1.
 *
 * @param broker the broker, {@code tcp://host:port} or {@code ssl://host:port} ({@code mqtt://} is
 *     turned into {@code tcp://}); the port defaults to 1883, or 8883 for {@code ssl}
 * @param user the user name of {@code --mqtt-user}, if any
 * @param password the password read from {@code --mqtt-password-file}, if any; never printed
 * @param topicPrefix the first topic level(s) of {@code --mqtt-topic-prefix}, e.g. {@code pollux}
 * @param interval a sensor's state is published at least this often ({@code --mqtt-interval})
 * @param qos the QoS of state publishes and subscriptions, 0, 1 or 2 ({@code --mqtt-qos})
 * @param reconnectMax reconnection delays double from 1 s up to this ({@code --mqtt-reconnect-max})
 * @param discovery how Home Assistant discovery is published ({@code --mqtt-discovery})
 * @param dashboardUrl the dashboard's address as people reach it ({@code --mqtt-dashboard-url}),
 *     Home Assistant's link to the device; empty: made from the HTTP listener
 */
public record MqttSettings(
    URI broker,
    Optional<String> user,
    Optional<String> password,
    String topicPrefix,
    Duration interval,
    int qos,
    Duration reconnectMax,
    MqttDiscovery discovery,
    Optional<URI> dashboardUrl) {

  public MqttSettings {
    Objects.requireNonNull(broker, "broker");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(topicPrefix, "topicPrefix");
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(reconnectMax, "reconnectMax");
    Objects.requireNonNull(discovery, "discovery");
    Objects.requireNonNull(dashboardUrl, "dashboardUrl");
    if (qos < 0 || qos > 2) {
      throw new IllegalArgumentException("qos not 0, 1 or 2: " + qos);
    }
  }

  @Override
  public String toString() {
    // The password is a secret: it never reaches a log line through this record.
    return "MqttSettings[broker="
        + broker
        + ", user="
        + user.orElse("none")
        + ", password="
        + (password.isPresent() ? "set" : "none")
        + ", topicPrefix="
        + topicPrefix
        + ", interval="
        + Durations.format(interval)
        + ", qos="
        + qos
        + ", reconnectMax="
        + Durations.format(reconnectMax)
        + ", discovery="
        + discovery.wireName()
        + ", dashboardUrl="
        + dashboardUrl.map(URI::toString).orElse("auto")
        + "]";
  }
}
