package dev.pollux.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine.ParameterException;

class PolluxCommandTest {

  @TempDir Path dir;

  private static ServerConfig parse(String... args) {
    return PolluxCommand.parse(List.of(args), Map.of());
  }

  @Test
  void globListsAreTrimmedAsAPersonWritesThem() {
    ServerConfig config =
        parse("--sensors-exclude", "load*, memory*", "--sensors-include", " thermal* ,,hwmon*");

    assertThat(config.sensorsExclude()).containsExactly("load*", "memory*");
    assertThat(config.sensorsInclude()).containsExactly("thermal*", "hwmon*");
  }

  @Test
  void defaultsAreThoseOfTheDesign() {
    ServerConfig config = parse();

    assertThat(config.bindAddress()).isEqualTo("0.0.0.0");
    assertThat(config.httpPort()).isEqualTo(new ListenPort(8080));
    assertThat(config.tcpPort()).isEqualTo(new ListenPort(9000));
    assertThat(config.sysfsRoot()).isEqualTo(Path.of("/sys"));
    assertThat(config.procfsRoot()).isEqualTo(Path.of("/proc"));
    assertThat(config.simulate()).isFalse();
    assertThat(config.simulatedFallback()).isTrue();
    assertThat(config.interval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(config.history()).isEqualTo(Duration.ofHours(1));
    assertThat(config.io()).isEqualTo(IoModel.AUTO);
    assertThat(config.loops()).isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(config.maxConnections()).isEqualTo(10_000);
    assertThat(config.idleTimeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(config.token()).isEmpty();
    assertThat(config.mqtt()).isEmpty();
    assertThat(config.logLevel()).isEqualTo(LogLevel.INFO);
    assertThat(config.deviceId()).matches("[A-Za-z0-9_-]{1,64}");
    assertThat(config.allowedOrigins()).isEmpty();
  }

  @Test
  void allowedOriginsAreReadLikeTheSensorGlobsAndKeptInOneForm() throws IOException {
    assertThat(
            parse(
                    "--allowed-origins",
                    "https://Dash.example,http://10.0.0.9:8080",
                    "--allowed-origins",
                    "https://[::1]:8443")
                .allowedOrigins())
        .as("two flags, one with a list")
        .containsExactly("https://dash.example:443", "http://10.0.0.9:8080", "https://[::1]:8443");
    assertThat(
            PolluxCommand.parse(List.of(), Map.of("POLLUX_ALLOWED_ORIGINS", "http://a.local"))
                .allowedOrigins())
        .as("from the environment")
        .containsExactly("http://a.local:80");
    Path config = Files.writeString(dir.resolve("p.conf"), "allowed-origins = https://b.local\n");
    assertThat(parse("--config", config.toString()).allowedOrigins())
        .as("from the config file")
        .containsExactly("https://b.local:443");
  }

  @Test
  void readsEveryOptionFromFlags() {
    ServerConfig config =
        parse(
            "--bind",
            "127.0.0.1",
            "--http-port",
            "0",
            "--tcp-port",
            "off",
            "--sysfs",
            "/x/sys",
            "--procfs",
            "/x/proc",
            "--simulate",
            "--interval",
            "250ms",
            "--history",
            "5m",
            "--io",
            "NIO",
            "--loops",
            "3",
            "--max-connections",
            "7",
            "--sensors-include",
            "thermal*,hwmon*",
            "--sensors-exclude",
            "load*",
            "--idle-timeout",
            "1m30s",
            "--token",
            "s3cret",
            "--mqtt",
            "tcp://broker:1883",
            "--device-id",
            "greenhouse-2",
            "--log-level",
            "debug");

    assertThat(config.bindAddress()).isEqualTo("127.0.0.1");
    assertThat(config.httpPort()).isEqualTo(new ListenPort(0));
    assertThat(config.tcpPort().enabled()).isFalse();
    assertThat(config.sysfsRoot()).isEqualTo(Path.of("/x/sys"));
    assertThat(config.simulate()).isTrue();
    assertThat(config.interval()).isEqualTo(Duration.ofMillis(250));
    assertThat(config.history()).isEqualTo(Duration.ofMinutes(5));
    assertThat(config.io()).isEqualTo(IoModel.NIO);
    assertThat(config.loops()).isEqualTo(3);
    assertThat(config.maxConnections()).isEqualTo(7);
    assertThat(config.sensorsInclude()).containsExactly("thermal*", "hwmon*");
    assertThat(config.sensorsExclude()).containsExactly("load*");
    assertThat(config.idleTimeout()).isEqualTo(Duration.ofSeconds(90));
    assertThat(config.token()).contains("s3cret");
    assertThat(config.mqtt())
        .hasValueSatisfying(mqtt -> assertThat(mqtt.broker().getPort()).isEqualTo(1883));
    assertThat(config.deviceId()).isEqualTo("greenhouse-2");
    assertThat(config.logLevel()).isEqualTo(LogLevel.DEBUG);
  }

  @Test
  void flagsWinOverEnvironmentWhichWinsOverTheFile() throws IOException {
    Path file = dir.resolve("pollux.conf");
    Files.writeString(
        file, "# a device\nhttp-port = 8001\ntcp-port = 9001\ninterval = 2s\n\nsimulate = true\n");
    Map<String, String> env = Map.of("POLLUX_TCP_PORT", "9002", "POLLUX_HTTP_PORT", "8002");

    ServerConfig config =
        PolluxCommand.parse(List.of("--config", file.toString(), "--http-port", "8003"), env);

    assertThat(config.httpPort()).isEqualTo(new ListenPort(8003));
    assertThat(config.tcpPort()).isEqualTo(new ListenPort(9002));
    assertThat(config.interval()).isEqualTo(Duration.ofSeconds(2));
    assertThat(config.simulate()).isTrue();
  }

  @Test
  void simulateFalseTurnsTheFallbackOffFromEverySource() throws IOException {
    Path file = dir.resolve("pollux.conf");
    Files.writeString(file, "simulate = false\n");

    for (ServerConfig config :
        List.of(
            PolluxCommand.parse(List.of("--simulate=false"), Map.of()),
            PolluxCommand.parse(List.of("--simulate", "false"), Map.of()),
            PolluxCommand.parse(List.of(), Map.of("POLLUX_SIMULATE", "false")),
            PolluxCommand.parse(List.of("--config", file.toString()), Map.of()))) {
      assertThat(config.simulate()).as("simulate of %s", config).isFalse();
      assertThat(config.simulatedFallback()).as("fallback of %s", config).isFalse();
    }
    ServerConfig always = PolluxCommand.parse(List.of("--simulate"), Map.of());
    assertThat(always.simulate()).isTrue();
    assertThat(always.simulatedFallback()).isTrue();
  }

  @Test
  void nodeNamesAreOnUnlessTurnedOffByFlagEnvironmentOrFile() throws IOException {
    assertThat(parse().metricsNodeNames()).isTrue();
    assertThat(parse("--metrics-node-names=false").metricsNodeNames()).isFalse();
    assertThat(parse("--metrics-node-names").metricsNodeNames()).isTrue();
    assertThat(
            PolluxCommand.parse(List.of(), Map.of("POLLUX_METRICS_NODE_NAMES", "false"))
                .metricsNodeNames())
        .isFalse();
    Path file = dir.resolve("node.conf");
    Files.writeString(file, "metrics-node-names = false\n");
    assertThat(
            PolluxCommand.parse(List.of("--config", file.toString()), Map.of()).metricsNodeNames())
        .isFalse();
  }

  @Test
  void configFileCanComeFromTheEnvironment() throws IOException {
    Path file = dir.resolve("pollux.conf");
    Files.writeString(file, "loops = 2\n");

    ServerConfig config = PolluxCommand.parse(List.of(), Map.of("POLLUX_CONFIG", file.toString()));

    assertThat(config.loops()).isEqualTo(2);
  }

  @Test
  void tokenComesFromTheFirstLineOfTheTokenFile() throws IOException {
    Path file = dir.resolve("token");
    Files.writeString(file, "  abc123  \nignored\n");

    assertThat(parse("--token-file", file.toString()).token()).contains("abc123");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "--http-port|abc|'--http-port': 'abc' is not a port: expected 0-65535 (0 picks a free one) or 'off'",
        "--tcp-port|70000|'--tcp-port': '70000' is not a port",
        "--interval|fast|'--interval': 'fast' is not a duration: expected a number and a unit",
        "--interval|5|'--interval': '5' is not a duration",
        "--interval|1ms|'--interval': expected 10ms to 1h",
        "--io|kqueue|'--io': 'kqueue' is not an I/O model: expected auto, epoll, nio, poll, threads or virtual",
        "--loops|0|'--loops': expected 1-256",
        "--max-connections|0|'--max-connections': expected at least 1",
        "--loops|abc|'--loops': expected 1-256, got 'abc'",
        "--loops|\u0663|'--loops': expected 1-256, got '\u0663'",
        "--max-connections|many|'--max-connections': expected at least 1, got 'many'",
        "--simulate=maybe||'--simulate': expected true or false, got 'maybe'",
        "--access-log=yes||'--access-log': expected true or false, got 'yes'",
        "--tcp-tls=1||'--tcp-tls': expected true or false, got '1'",
        "--log-level|loud|'--log-level': 'loud' is not a log level",
        "--mqtt|broker|'--mqtt': 'broker' is not a broker URL",
        "--mqtt|http://broker|'--mqtt': 'http://broker' is not a broker URL",
        "--device-id|a/b|'--device-id': 'a/b' is not a device id",
        "--interval|\u0663s|'--interval': '\u0663s' is not a duration",
        "--allowed-origins|dash.example|'--allowed-origins' (ORIGIN): 'dash.example' is not an origin",
        "--allowed-origins|https://x/app|'--allowed-origins' (ORIGIN): 'https://x/app' is not an origin",
      })
  void badValuesNameTheOptionAndWhatItAccepts(String option, String value, String message) {
    // An empty value: the option carries its value after '='.
    String[] args = value == null ? new String[] {option} : new String[] {option, value};
    assertThatThrownBy(() -> parse(args))
        .isInstanceOf(ParameterException.class)
        .hasMessageContaining(message);
  }

  @Test
  void mqttOptionsHaveTheDefaultsOfTheIssue() {
    MqttSettings mqtt = parse("--mqtt", "tcp://broker:1883").mqtt().orElseThrow();

    assertThat(mqtt.broker()).hasToString("tcp://broker:1883");
    assertThat(mqtt.user()).isEmpty();
    assertThat(mqtt.password()).isEmpty();
    assertThat(mqtt.topicPrefix()).isEqualTo("pollux");
    assertThat(mqtt.interval()).isEqualTo(Duration.ofSeconds(10));
    assertThat(mqtt.qos()).isEqualTo(1);
    assertThat(mqtt.reconnectMax()).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void readsEveryMqttOption() throws IOException {
    Path password = dir.resolve("mqtt-password");
    Files.writeString(password, " hunter2 \nignored\n");

    MqttSettings mqtt =
        parse(
                "--mqtt",
                "ssl://broker.local",
                "--mqtt-user",
                "pollux",
                "--mqtt-password-file",
                password.toString(),
                "--mqtt-topic-prefix",
                "site/devices",
                "--mqtt-interval",
                "2s",
                "--mqtt-qos",
                "0",
                "--mqtt-reconnect-max",
                "5s")
            .mqtt()
            .orElseThrow();

    assertThat(mqtt.broker()).hasToString("ssl://broker.local:8883");
    assertThat(mqtt.user()).contains("pollux");
    assertThat(mqtt.password()).contains("hunter2");
    assertThat(mqtt.topicPrefix()).isEqualTo("site/devices");
    assertThat(mqtt.interval()).isEqualTo(Duration.ofSeconds(2));
    assertThat(mqtt.qos()).isZero();
    assertThat(mqtt.reconnectMax()).isEqualTo(Duration.ofSeconds(5));
    assertThat(mqtt.toString()).doesNotContain("hunter2");
  }

  @Test
  void mqttSchemeIsTcpWithTheDefaultPort() {
    assertThat(parse("--mqtt", "mqtt://broker").mqtt().orElseThrow().broker())
        .hasToString("tcp://broker:1883");
  }

  @Test
  void mqttOptionsComeFromTheEnvironment() {
    ServerConfig config =
        PolluxCommand.parse(
            List.of(), Map.of("POLLUX_MQTT", "tcp://b:1884", "POLLUX_MQTT_TOPIC_PREFIX", "home"));

    assertThat(config.mqtt().orElseThrow().topicPrefix()).isEqualTo("home");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "--mqtt-topic-prefix|a/+|'--mqtt-topic-prefix': 'a/+' is not a topic prefix",
        "--mqtt-topic-prefix|a#|'--mqtt-topic-prefix': 'a#' is not a topic prefix",
        "--mqtt-topic-prefix|/a|'--mqtt-topic-prefix': '/a' is not a topic prefix",
        "--mqtt-topic-prefix|a//b|'--mqtt-topic-prefix': 'a//b' is not a topic prefix",
        "--mqtt-interval|10ms|'--mqtt-interval': expected 100ms to 1h",
        "--mqtt-qos|3|'--mqtt-qos': expected 0, 1 or 2",
        "--mqtt-reconnect-max|2h|'--mqtt-reconnect-max': expected 10ms to 1h",
        "--mqtt-password-file|/nonexistent/pw|'--mqtt-password-file': cannot read /nonexistent/pw",
      })
  void badMqttValuesNameTheOption(String option, String value, String message) {
    assertThatThrownBy(() -> parse("--mqtt", "tcp://broker:1883", option, value))
        .isInstanceOf(ParameterException.class)
        .hasMessageContaining(message);
  }

  @Test
  void badEnvironmentValuesNameTheOption() {
    assertThatThrownBy(() -> PolluxCommand.parse(List.of(), Map.of("POLLUX_HTTP_PORT", "x")))
        .isInstanceOf(ParameterException.class)
        .hasMessageContaining("'--http-port': 'x' is not a port");
  }

  @Test
  void aBadValueFromTheEnvironmentOrTheFileSaysWhereItCameFrom() throws IOException {
    Path file = dir.resolve("pollux.conf");
    Files.writeString(file, "# ports\ntcp-port = 9002\ninterval = 5ms\n");
    List<String> withFile = List.of("--config", file.toString());

    assertThat(originOfFailure(List.of(), Map.of("POLLUX_HTTP_PORT", "x")))
        .isEqualTo(" (from POLLUX_HTTP_PORT)");
    assertThat(originOfFailure(List.of(), Map.of("POLLUX_TOKEN", "")))
        .isEqualTo(" (from POLLUX_TOKEN)");
    assertThat(originOfFailure(withFile, Map.of()))
        .as("checked after parsing, in toConfig")
        .isEqualTo(" (from " + file + " line 3)");
    assertThat(originOfFailure(List.of("--http-port", "x"), Map.of("POLLUX_HTTP_PORT", "8081")))
        .as("given on the command line: nothing to add")
        .isEmpty();
    assertThat(originOfFailure(List.of("--http-port=x"), Map.of())).isEmpty();
  }

  private static String originOfFailure(List<String> args, Map<String, String> env) {
    try {
      PolluxCommand.parse(args, env);
    } catch (ParameterException e) {
      return PolluxCommand.origin(e, args);
    }
    throw new AssertionError("no usage error for " + args + " with " + env);
  }

  @Test
  void unknownOptionIsAUsageError() {
    assertThatThrownBy(() -> parse("--colour", "blue"))
        .isInstanceOf(ParameterException.class)
        .hasMessageContaining("--colour");
  }

  @Test
  void unreadableConfigFileIsNamed() {
    Path missing = dir.resolve("missing.conf");

    assertThatThrownBy(() -> parse("--config", missing.toString()))
        .isInstanceOf(ParameterException.class)
        .hasMessageContaining("cannot read " + missing);
  }

  @Test
  void unknownKeyInConfigFileNamesFileAndLine() throws IOException {
    Path file = dir.resolve("pollux.conf");
    Files.writeString(file, "http-port = 1\ncolour = blue\n");

    assertThatThrownBy(() -> parse("--config", file.toString()))
        .isInstanceOf(ParameterException.class)
        .hasMessageContaining(file + " line 2")
        .hasMessageContaining("unknown option 'colour'");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "htp-port = 1|unknown option 'htp-port'; did you mean 'http-port'?",
        "--http-port = 1|unknown option 'http-port'; did you mean 'http-port'?",
        "tokenfile = /etc/t|unknown option 'tokenfile'; did you mean 'token-file'?",
        "mqtt-intervall = 5s|unknown option 'mqtt-intervall'; did you mean 'mqtt-interval'?",
        "allowed-origin = https://x|did you mean 'allowed-origins'?",
        "colour = blue|unknown option 'colour': expected one of the options of --help",
        "http-port 8081|line 1: expected 'option = value'",
      })
  void anUnknownConfigKeyIsNamedWithTheNearestOption(String line, String message)
      throws IOException {
    Path file = Files.writeString(dir.resolve("pollux.conf"), line + "\n");

    assertThatThrownBy(() -> parse("--config", file.toString()))
        .isInstanceOf(ParameterException.class)
        .hasMessageContaining(file + " line 1")
        .hasMessageContaining(message);
  }

  /** The reason is said in words, not as a Java class name ({@code NoSuchFileException}). */
  @ParameterizedTest(name = "{0}")
  @CsvSource({"--token-file", "--mqtt-password-file", "--config"})
  void aFileThatCannotBeReadIsNamedWithTheReasonInWords(String option) {
    Path missing = dir.resolve("missing");

    assertThatThrownBy(() -> parse(withFile(option, missing)))
        .isInstanceOf(ParameterException.class)
        .hasMessageContaining("'" + option + "': cannot read " + missing + " (no such file)")
        .hasMessageNotContaining("java.")
        .hasMessageNotContaining("Exception");
    assertThatThrownBy(() -> parse(withFile(option, dir)))
        .as("%s naming a directory", option)
        .isInstanceOf(ParameterException.class)
        .hasMessageContaining("cannot read " + dir)
        .hasMessageNotContaining("java.");
  }

  private static String[] withFile(String option, Path file) {
    List<String> args = new ArrayList<>(List.of(option, file.toString()));
    if (option.equals("--mqtt-password-file")) {
      args.addAll(List.of("--mqtt", "tcp://broker", "--mqtt-user", "u"));
    }
    return args.toArray(String[]::new);
  }

  @Test
  void tokenAndTokenFileTogetherAreRefused() {
    assertThatThrownBy(() -> parse("--token", "a", "--token-file", "/nonexistent"))
        .isInstanceOf(ParameterException.class)
        .hasMessageContaining("--token and --token-file");
  }

  @Test
  void emptyTokenFileIsRefused() throws IOException {
    Path file = dir.resolve("token");
    Files.writeString(file, "\n");

    assertThatThrownBy(() -> parse("--token-file", file.toString()))
        .isInstanceOf(ParameterException.class)
        .hasMessageContaining("is empty");
  }

  @Test
  void emptyTokenIsRefused() {
    for (String empty : List.of("", "  ")) {
      assertThatThrownBy(() -> parse("--token", empty))
          .as("--token '%s'", empty)
          .isInstanceOf(ParameterException.class)
          .hasMessageContaining("'--token': it is empty");
    }
  }

  @Test
  void tokenNeverAppearsInTheConfigsText() {
    assertThat(parse("--token", "s3cret").toString())
        .doesNotContain("s3cret")
        .contains("token=set");
  }
}
