package dev.pollux.server.cli;

import dev.pollux.gpio.LineSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The server's whole configuration, resolved from flags, environment and config file: what the rest
 * of the server reads. Immutable; built by {@link PolluxCommand}.
 */
public record ServerConfig(
    String bindAddress,
    ListenPort httpPort,
    ListenPort tcpPort,
    Path sysfsRoot,
    Path procfsRoot,
    boolean simulate,
    boolean simulatedFallback,
    Duration interval,
    Duration history,
    IoModel io,
    int loops,
    int maxConnections,
    List<String> sensorsInclude,
    List<String> sensorsExclude,
    Duration idleTimeout,
    Optional<String> token,
    Optional<MqttSettings> mqtt,
    String deviceId,
    LogLevel logLevel,
    boolean accessLog,
    Optional<TlsSettings> tls,
    List<String> allowedOrigins,
    List<LineSpec> gpioLines,
    boolean metricsNodeNames) {

  public ServerConfig {
    sensorsInclude = List.copyOf(sensorsInclude);
    sensorsExclude = List.copyOf(sensorsExclude);
    allowedOrigins = List.copyOf(allowedOrigins);
    gpioLines = List.copyOf(gpioLines);
  }

  /** A configuration with every default of design.md, for tests and embedding. */
  public static ServerConfig defaults() {
    return PolluxCommand.parse(List.of(), Map.of());
  }

  /**
   * Returns a copy with other ports, e.g. {@code withPorts(ListenPort.parse("0"), ...)} in tests.
   */
  public ServerConfig withPorts(ListenPort http, ListenPort tcp) {
    return new ServerConfig(
        bindAddress,
        http,
        tcp,
        sysfsRoot,
        procfsRoot,
        simulate,
        simulatedFallback,
        interval,
        history,
        io,
        loops,
        maxConnections,
        sensorsInclude,
        sensorsExclude,
        idleTimeout,
        token,
        mqtt,
        deviceId,
        logLevel,
        accessLog,
        tls,
        allowedOrigins,
        gpioLines,
        metricsNodeNames);
  }

  @Override
  public String toString() {
    // The token is a secret: it never reaches a log line through this record.
    return "ServerConfig[bind="
        + bindAddress
        + ", http="
        + httpPort
        + ", tcp="
        + tcpPort
        + ", sysfs="
        + sysfsRoot
        + ", procfs="
        + procfsRoot
        + ", io="
        + io.label()
        + ", loops="
        + loops
        + ", token="
        + (token.isPresent() ? "set" : "none")
        + ", mqtt="
        + mqtt.map(m -> m.broker().toString()).orElse("none")
        + ", tls="
        + tls.map(TlsSettings::source).orElse("none")
        + ", deviceId="
        + deviceId
        + "]";
  }
}
