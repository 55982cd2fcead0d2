package dev.pollux.server.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The {@code pollux} command line: every option of design.md, each also read from a {@code
 * POLLUX_*} environment variable and from a config file, flags over environment over file.
 *
 * <p>Design: picocli parses the flags; {@link SourcedDefaults} supplies each option's default from
 * the environment, then the config file, then the built-in default, so that one conversion and one
 * error message serve all three sources. The result is an immutable {@link ServerConfig}.
 */
@Command(
    name = "pollux",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      // HTTP/1.1 early in the line: picocli may wrap a line inside it ("HTTP/1." then "1.").
      "Serves this device's sensors and LEDs over HTTP/1.1 and a line-based TCP protocol.",
      "Every option can also be set as POLLUX_<OPTION> in the environment (e.g."
          + " POLLUX_HTTP_PORT=8081) or as <option> = <value> in the --config file;"
          + " flags win over the environment, the environment over the file."
    })
public final class PolluxCommand {

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "Config file of 'option = value' lines (e.g. http-port = 8081).")
  Path config;

  @Option(
      names = "--bind",
      paramLabel = "ADDR",
      defaultValue = "0.0.0.0",
      description = "Address to listen on (default: ${DEFAULT-VALUE}).")
  String bind;

  @Option(
      names = "--http-port",
      paramLabel = "N",
      defaultValue = "8080",
      converter = OptionConverters.PortConverter.class,
      description =
          "HTTP port; 0 picks a free one; 'off' disables HTTP (default: ${DEFAULT-VALUE}).")
  ListenPort httpPort;

  @Option(
      names = "--tcp-port",
      paramLabel = "N",
      defaultValue = "9000",
      converter = OptionConverters.PortConverter.class,
      description =
          "TCP protocol port; 0 picks a free one; 'off' disables it (default: ${DEFAULT-VALUE}).")
  ListenPort tcpPort;

  @Option(
      names = "--sysfs",
      paramLabel = "DIR",
      defaultValue = "/sys",
      description = "Where sysfs is read from (default: ${DEFAULT-VALUE}).")
  Path sysfs;

  @Option(
      names = "--procfs",
      paramLabel = "DIR",
      defaultValue = "/proc",
      description = "Where procfs is read from (default: ${DEFAULT-VALUE}).")
  Path procfs;

  /** Null when not given: then a simulated temperature serves only where there is no real one. */
  @Option(
      names = "--simulate",
      paramLabel = "true|false",
      fallbackValue = "true",
      arity = "0..1",
      converter = OptionConverters.BooleanConverter.class,
      description = {
        "Simulated sensors. Not given: a clearly marked simulated temperature serves only where"
            + " the machine has none; --simulate: add them even where real sensors exist;"
            + " --simulate=false: never (without a real sensor, /temp is then 503 and temp ERR)."
      })
  Boolean simulate;

  @Option(
      names = "--interval",
      paramLabel = "D",
      defaultValue = "1s",
      converter = OptionConverters.DurationConverter.class,
      description = "Sampling interval: 250ms, 1s, 1m (default: ${DEFAULT-VALUE}).")
  Duration interval;

  @Option(
      names = "--history",
      paramLabel = "D",
      defaultValue = "1h",
      converter = OptionConverters.DurationConverter.class,
      description = "History kept per sensor (default: ${DEFAULT-VALUE}).")
  Duration history;

  @Option(
      names = "--io",
      paramLabel = "MODEL",
      defaultValue = "auto",
      converter = OptionConverters.IoModelConverter.class,
      description =
          "I/O model: auto, epoll, nio, poll, threads, virtual (default: ${DEFAULT-VALUE}).")
  IoModel io;

  @Option(
      names = "--loops",
      paramLabel = "N",
      converter = OptionConverters.LoopsConverter.class,
      description = "Event loops (default: the number of processors).")
  Integer loops;

  @Option(
      names = "--max-connections",
      paramLabel = "N",
      defaultValue = "10000",
      converter = OptionConverters.MaxConnectionsConverter.class,
      description =
          "Connections per listener; beyond it HTTP gets 503, TCP 'ERR busy' (default: ${DEFAULT-VALUE}).")
  int maxConnections;

  @Option(
      names = "--sensors-include",
      paramLabel = "GLOB",
      split = ",",
      description = "Only sensors whose id matches one of these globs (default: all).")
  List<String> sensorsInclude = new ArrayList<>();

  @Option(
      names = "--sensors-exclude",
      paramLabel = "GLOB",
      split = ",",
      description = "Leave out sensors whose id matches one of these globs (default: none).")
  List<String> sensorsExclude = new ArrayList<>();

  @Option(
      names = "--idle-timeout",
      paramLabel = "D",
      defaultValue = "60s",
      converter = OptionConverters.DurationConverter.class,
      description = "Close idle connections after this long (default: ${DEFAULT-VALUE}).")
  Duration idleTimeout;

  @Option(
      names = "--token",
      paramLabel = "T",
      description = "Bearer token for writes; without one, writes are refused.")
  String token;

  @Option(
      names = "--token-file",
      paramLabel = "F",
      description = "File holding the bearer token (first line).")
  Path tokenFile;

  @Option(
      names = "--allowed-origins",
      paramLabel = "ORIGIN",
      split = ",",
      converter = OptionConverters.OriginConverter.class,
      description =
          "Web origins besides this server's own that may open WebSockets, e.g."
              + " https://dash.example:8443 (default: none).")
  List<String> allowedOrigins = new ArrayList<>();

  @Option(
      names = "--metrics-node-names",
      defaultValue = "true",
      fallbackValue = "true",
      arity = "0..1",
      converter = OptionConverters.BooleanConverter.class,
      description =
          "Also write node_exporter's node_* series in /metrics; false for hosts that run"
              + " node_exporter too (default: ${DEFAULT-VALUE}).")
  boolean metricsNodeNames;

  /** {@code --mqtt} and the other {@code --mqtt-*} options. */
  @Mixin MqttOptions mqtt = new MqttOptions();

  /** {@code --https-port} and the {@code --tls-*} options. */
  @Mixin TlsOptions tls = new TlsOptions();

  /** {@code --gpio-input} and {@code --gpio-output}. */
  @Mixin GpioOptions gpio = new GpioOptions();

  @Option(
      names = "--device-id",
      paramLabel = "ID",
      description = "Names this device in MQTT topics and metrics (default: the host name).")
  String deviceId;

  @Option(
      names = "--log-level",
      paramLabel = "L",
      defaultValue = "info",
      converter = OptionConverters.LogLevelConverter.class,
      description = "error, warn, info, debug or trace (default: ${DEFAULT-VALUE}).")
  LogLevel logLevel;

  @Option(
      names = "--access-log",
      defaultValue = "false",
      fallbackValue = "true",
      arity = "0..1",
      converter = OptionConverters.BooleanConverter.class,
      description = "Log one line per HTTP request.")
  boolean accessLog;

  /**
   * Parses {@code args} with {@code env} as the environment into a configuration.
   *
   * @throws ParameterException for bad usage; its message names the option and what it accepts
   */
  public static ServerConfig parse(List<String> args, Map<String, String> env) {
    CommandLine commandLine = commandLine(args, env);
    commandLine.parseArgs(args.toArray(String[]::new));
    return commandLine.<PolluxCommand>getCommand().toConfig(commandLine);
  }

  /** The picocli command line for {@code args}, with its defaults bound to {@code env}. */
  public static CommandLine commandLine(List<String> args, Map<String, String> env) {
    CommandLine commandLine = new CommandLine(new PolluxCommand());
    commandLine.setDefaultValueProvider(SourcedDefaults.load(args, env, commandLine));
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    return commandLine;
  }

  /**
   * Where the value that {@code failure} is about came from, when not from {@code args}: {@code "
   * (from POLLUX_HTTP_PORT)"}, {@code " (from FILE line N)"} or {@code ""}.
   */
  public static String origin(ParameterException failure, List<String> args) {
    CommandLine commandLine = failure.getCommandLine();
    return commandLine != null
            && commandLine.getDefaultValueProvider() instanceof SourcedDefaults sourced
        ? sourced.origin(failure.getMessage(), args)
        : "";
  }

  /** Checks what single options cannot and builds the configuration. */
  public ServerConfig toConfig(CommandLine commandLine) {
    if (token != null && tokenFile != null) {
      throw new ParameterException(
          commandLine, "--token and --token-file cannot both be given: choose one");
    }
    if (interval.toMillis() < 10 || interval.compareTo(Duration.ofHours(1)) > 0) {
      throw new ParameterException(
          commandLine,
          "Invalid value for option '--interval': expected 10ms to 1h, got "
              + Durations.format(interval));
    }
    if (history.compareTo(interval) < 0 || history.compareTo(Duration.ofDays(7)) > 0) {
      throw new ParameterException(
          commandLine,
          "Invalid value for option '--history': expected from the interval up to 7d, got "
              + Durations.format(history));
    }
    // --loops was checked by its converter; the default is capped the same way, so that a
    // machine with more processors starts instead of refusing an option nobody gave.
    int loopCount =
        loops != null
            ? loops
            : Math.min(Runtime.getRuntime().availableProcessors(), OptionConverters.MAX_LOOPS);
    return new ServerConfig(
        bind,
        httpPort,
        tcpPort,
        sysfs,
        procfs,
        Boolean.TRUE.equals(simulate),
        !Boolean.FALSE.equals(simulate),
        interval,
        history,
        io,
        loopCount,
        maxConnections,
        globs(sensorsInclude),
        globs(sensorsExclude),
        idleTimeout,
        resolveToken(commandLine),
        mqtt.resolve(commandLine),
        resolveDeviceId(commandLine),
        logLevel,
        accessLog,
        tls.resolve(commandLine),
        allowedOrigins,
        gpio.resolve(commandLine),
        metricsNodeNames);
  }

  private Optional<String> resolveToken(CommandLine commandLine) {
    if (tokenFile == null) {
      // An empty token is a mistake (an unset variable in "--token $TOKEN"), not a way to say
      // "none": the server would start and refuse every write without a word.
      if (token != null && token.isBlank()) {
        throw new ParameterException(
            commandLine,
            "Invalid value for option '--token': it is empty; leave the option out for no token"
                + " (writes are then refused)");
      }
      return Optional.ofNullable(token);
    }
    try {
      String content = Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
      int newline = content.indexOf('\n');
      String first = (newline < 0 ? content : content.substring(0, newline)).strip();
      if (first.isEmpty()) {
        throw new ParameterException(
            commandLine, "Invalid value for option '--token-file': " + tokenFile + " is empty");
      }
      return Optional.of(first);
    } catch (IOException e) {
      throw new ParameterException(
          commandLine,
          "Invalid value for option '--token-file': cannot read "
              + tokenFile
              + " ("
              + FileErrors.describe(e)
              + ")");
    }
  }

  /**
   * A glob list as a person writes it: {@code "load*, memory*"} is two globs, not a second one that
   * starts with a space and so never matches; empty items are dropped.
   */
  private static List<String> globs(List<String> given) {
    return given.stream().map(String::strip).filter(glob -> !glob.isEmpty()).toList();
  }

  private String resolveDeviceId(CommandLine commandLine) {
    if (deviceId != null) {
      if (!DeviceIds.isValid(deviceId)) {
        throw new ParameterException(
            commandLine,
            "Invalid value for option '--device-id': '"
                + deviceId
                + "' is not a device id: expected 1-64 letters, digits, '-' or '_'");
      }
      return deviceId;
    }
    return DeviceIds.fromHostName(LocalHost.name());
  }
}
