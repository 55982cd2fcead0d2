package dev.pollux.server.cli;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The MQTT options of the {@code pollux} command ({@code --mqtt tcp://broker:1883 --mqtt-user
 * pollux ...}), a picocli mixin of {@link PolluxCommand}, resolved into {@link MqttSettings}.
 */
final class MqttOptions {

  /** Longer prefixes make every topic longer for nothing; HA's own prefix is a single level. */
  private static final int MAX_PREFIX_LENGTH = 64;

  @Option(
      names = "--mqtt",
      paramLabel = "URL",
      description = "MQTT broker, e.g. tcp://broker:1883 or ssl://broker:8883; enables the bridge.")
  String broker;

  @Option(
      names = "--mqtt-user",
      paramLabel = "USER",
      description = "User name for the MQTT broker (default: none).")
  String user;

  @Option(
      names = "--mqtt-password-file",
      paramLabel = "F",
      description = "File holding the MQTT password (first line).")
  Path passwordFile;

  @Option(
      names = "--mqtt-topic-prefix",
      paramLabel = "P",
      defaultValue = "pollux",
      description = "First level(s) of this device's topics (default: ${DEFAULT-VALUE}).")
  String topicPrefix;

  @Option(
      names = "--mqtt-interval",
      paramLabel = "D",
      defaultValue = "10s",
      converter = OptionConverters.DurationConverter.class,
      description =
          "Publish each sensor on change and at least this often (default: ${DEFAULT-VALUE}).")
  Duration interval;

  @Option(
      names = "--mqtt-qos",
      paramLabel = "N",
      defaultValue = "1",
      description =
          "QoS of state publishes and command subscriptions, 0-2 (default: ${DEFAULT-VALUE}).")
  int qos;

  @Option(
      names = "--mqtt-reconnect-max",
      paramLabel = "D",
      defaultValue = "60s",
      converter = OptionConverters.DurationConverter.class,
      description =
          "Reconnection delays double from 1s up to this, each ±20%% (default: ${DEFAULT-VALUE}).")
  Duration reconnectMax;

  @Option(
      names = "--mqtt-discovery",
      paramLabel = "MODE",
      defaultValue = "device",
      description =
          "Home Assistant discovery: device (one config per device, HA 2024.11+) or component"
              + " (one per entity, older HA) (default: ${DEFAULT-VALUE}).")
  String discovery;

  @Option(
      names = "--mqtt-dashboard-url",
      paramLabel = "URL",
      description =
          "The dashboard's address as people reach it, linked from Home Assistant's device page"
              + " (default: http://<host name>:<http port>/).")
  String dashboardUrl;

  /** The bridge's settings, empty without {@code --mqtt}; bad values are usage errors. */
  Optional<MqttSettings> resolve(CommandLine commandLine) {
    if (broker == null || broker.isBlank()) {
      return Optional.empty();
    }
    URI uri = brokerUri(commandLine);
    if (!isTopicPrefix(topicPrefix)) {
      throw new ParameterException(
          commandLine,
          "Invalid value for option '--mqtt-topic-prefix': '"
              + topicPrefix
              + "' is not a topic prefix: expected 1-64 characters without '+', '#', blanks"
              + " or empty levels, e.g. pollux or site/pollux");
    }
    if (interval.toMillis() < 100 || interval.compareTo(Duration.ofHours(1)) > 0) {
      throw new ParameterException(
          commandLine,
          "Invalid value for option '--mqtt-interval': expected 100ms to 1h, got "
              + Durations.format(interval));
    }
    if (qos < 0 || qos > 2) {
      throw new ParameterException(
          commandLine, "Invalid value for option '--mqtt-qos': expected 0, 1 or 2, got " + qos);
    }
    if (reconnectMax.toMillis() < 10 || reconnectMax.compareTo(Duration.ofHours(1)) > 0) {
      throw new ParameterException(
          commandLine,
          "Invalid value for option '--mqtt-reconnect-max': expected 10ms to 1h, got "
              + Durations.format(reconnectMax));
    }
    return Optional.of(
        new MqttSettings(
            uri,
            Optional.ofNullable(user).filter(u -> !u.isBlank()),
            password(commandLine),
            topicPrefix,
            interval,
            qos,
            reconnectMax,
            discoveryMode(commandLine),
            dashboardUri(commandLine)));
  }

  private MqttDiscovery discoveryMode(CommandLine commandLine) {
    for (MqttDiscovery mode : MqttDiscovery.values()) {
      if (mode.wireName().equals(discovery)) {
        return mode;
      }
    }
    throw new ParameterException(
        commandLine,
        "Invalid value for option '--mqtt-discovery': expected device or component, got '"
            + discovery
            + "'");
  }

  private Optional<URI> dashboardUri(CommandLine commandLine) {
    if (dashboardUrl == null || dashboardUrl.isBlank()) {
      return Optional.empty();
    }
    try {
      URI uri = new URI(dashboardUrl.strip());
      // Home Assistant accepts only http(s) links with a host as a configuration_url.
      if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          || uri.getHost() == null) {
        throw new URISyntaxException(dashboardUrl, "not http(s) with a host");
      }
      return Optional.of(uri);
    } catch (URISyntaxException e) {
      throw new ParameterException(
          commandLine,
          "Invalid value for option '--mqtt-dashboard-url': expected http://host[:port]/ or"
              + " https://host[:port]/");
    }
  }

  private URI brokerUri(CommandLine commandLine) {
    try {
      URI uri = new URI(broker.strip());
      String scheme = uri.getScheme();
      if (uri.getHost() == null
          || !("tcp".equals(scheme) || "ssl".equals(scheme) || "mqtt".equals(scheme))) {
        throw new URISyntaxException(broker, "no host or an unknown scheme");
      }
      // Paho knows tcp:// and ssl://; mqtt:// is the common name for the former.
      String paho = "ssl".equals(scheme) ? "ssl" : "tcp";
      int port = uri.getPort() >= 0 ? uri.getPort() : "ssl".equals(paho) ? 8883 : 1883;
      return new URI(paho, null, uri.getHost(), port, null, null, null);
    } catch (URISyntaxException e) {
      throw new ParameterException(
          commandLine,
          "Invalid value for option '--mqtt': '"
              + broker
              + "' is not a broker URL: expected tcp://host[:port], mqtt://host[:port] or ssl://host[:port]");
    }
  }

  private Optional<String> password(CommandLine commandLine) {
    if (passwordFile == null) {
      return Optional.empty();
    }
    try {
      String content = Files.readString(passwordFile, StandardCharsets.UTF_8).strip();
      int newline = content.indexOf('\n');
      String first = (newline < 0 ? content : content.substring(0, newline)).strip();
      if (first.isEmpty()) {
        throw new ParameterException(
            commandLine,
            "Invalid value for option '--mqtt-password-file': " + passwordFile + " is empty");
      }
      if (reconnectMax.toMillis() < 10 || reconnectMax.compareTo(Duration.ofHours(1)) > 0) {
        throw new ParameterException(
            commandLine,
            "Invalid value for option '--mqtt-reconnect-max': expected 10ms to 1h, got "
                + Durations.format(reconnectMax));
      }
      return Optional.of(first);
    } catch (IOException e) {
      throw new ParameterException(
          commandLine,
          "Invalid value for option '--mqtt-password-file': cannot read "
              + passwordFile
              + " ("
              + FileErrors.describe(e)
              + ")");
    }
  }

  /** MQTT topic levels without wildcards, blanks or empty levels: {@code pollux}, {@code a/b}. */
  static boolean isTopicPrefix(String prefix) {
    if (prefix == null || prefix.isEmpty() || prefix.length() > MAX_PREFIX_LENGTH) {
      return false;
    }
    if (prefix.startsWith("/") || prefix.endsWith("/") || prefix.contains("//")) {
      return false;
    }
    for (int i = 0; i < prefix.length(); i++) {
      char c = prefix.charAt(i);
      if (c == '+' || c == '#' || c <= ' ' || c == 0x7f) {
        return false;
      }
    }
    return true;
  }
}
