package dev.pollux.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pollux.server.cli.Version;
import dev.pollux.testing.net.RawClient;
import dev.pollux.testing.sysfs.FakeSysfs;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@code pollux} command of design.md ("Command line") as a user runs it, in a real process:
 * help and version, exit 2 for bad usage naming the option, exit 1 for a port in use naming the
 * port, the listener line, the environment, and exit 0 after SIGTERM, through the jar and through
 * {@code bin/pollux}.
 */
class PolluxCommandLineIT {

  @TempDir Path dir;
  private FakeSysfs tree;

  @BeforeEach
  void buildTree() {
    tree = TestServer.standardTree(dir.resolve("tree"));
  }

  @Test
  void helpExitsZeroAndListsEveryOption() {
    try (PolluxProcess pollux = PolluxProcess.startJar(dir, Map.of(), "--help")) {
      assertThat(pollux.awaitExit()).as("exit status of --help; %s", pollux).isZero();
      assertThat(pollux.stdout())
          .as("--help")
          .contains(
              "--bind",
              "--http-port",
              "--tcp-port",
              "--sysfs",
              "--procfs",
              "--simulate",
              "--interval",
              "--history",
              "--io",
              "--loops",
              "--max-connections",
              "--sensors-include",
              "--sensors-exclude",
              "--idle-timeout",
              "--token",
              "--token-file",
              "--allowed-origins",
              "--mqtt",
              "--device-id",
              "--log-level",
              "--config",
              "--version",
              "POLLUX_",
              "HTTP/1.1",
              "20% (default: 60s)");
      assertThat(pollux.stderr())
          .as("stderr of --help (picocli warns of an unescaped %% in a description there)")
          .doesNotContain("picocli WARN")
          .doesNotContain("Could not format");
    }
  }

  @Test
  void versionPrintsPolluxAndItsVersion() {
    try (PolluxProcess pollux = PolluxProcess.startJar(dir, Map.of(), "--version")) {
      assertThat(pollux.awaitExit()).as("exit status of --version; %s", pollux).isZero();
      List<String> lines = pollux.stdout().lines().toList();
      assertThat(lines).as("--version").hasSize(2);
      // The commit is git's when bin/pollux built the jar, else "unknown" (a plain mvn package).
      assertThat(lines.get(0))
          .as("--version's first line")
          .matches(
              Pattern.quote("pollux " + Version.current() + " (commit ")
                  + "([0-9a-f]{7,40}|unknown)\\)");
      assertThat(lines.get(1))
          .as("--version's second line")
          .isEqualTo(
              "Java "
                  + Runtime.version()
                  + " ("
                  + System.getProperty("java.vendor")
                  + ") on "
                  + System.getProperty("os.name")
                  + " "
                  + System.getProperty("os.arch"));
    }
  }

  static Stream<Arguments> badUsage() {
    return Stream.of(
        Arguments.of(List.of("--http-port", "abc"), "--http-port"),
        Arguments.of(List.of("--tcp-port", "70000"), "--tcp-port"),
        Arguments.of(List.of("--interval", "fast"), "--interval"),
        Arguments.of(List.of("--io", "kqueue"), "--io"),
        Arguments.of(List.of("--loops", "0"), "--loops"),
        Arguments.of(List.of("--frobnicate"), "--frobnicate"),
        Arguments.of(List.of("--config", "."), "--config"),
        Arguments.of(List.of("--https-port", "0"), "--https-port"),
        Arguments.of(
            List.of("--https-port", "0", "--tls-cert", "/no/cert.pem", "--tls-key", "/no/key.pem"),
            "/no/cert.pem"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badUsage")
  void badUsageExitsTwoWithAMessageNamingTheOption(List<String> bad, String option) {
    List<String> args = new ArrayList<>(bad); // "." as --config is a directory: unreadable as root
    args.addAll(List.of("--sysfs", tree.sysfsRoot().toString(), "--http-port", "off"));
    try (PolluxProcess pollux =
        PolluxProcess.startJar(dir, Map.of(), args.toArray(String[]::new))) {
      assertThat(pollux.awaitExit()).as("exit status of %s; %s", bad, pollux).isEqualTo(2);
      assertThat(pollux.stderr()).as("stderr of %s", bad).contains(option);
      assertThat(pollux.stdout()).as("stdout of %s", bad).doesNotContain("listening");
    }
  }

  @Test
  void aTcpPortInUseExitsOneWithAMessageNamingThePort() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      String port = Integer.toString(taken.getLocalPort());
      try (PolluxProcess pollux =
          PolluxProcess.startJar(dir, Map.of(), serveArgs(port, "off").toArray(String[]::new))) {
        assertThat(pollux.awaitExit())
            .as("exit status with port %s taken; %s", port, pollux)
            .isEqualTo(1);
        assertThat(pollux.stderr())
            .as("stderr")
            .contains(
                "pollux: cannot listen for tcp on 127.0.0.1:"
                    + port
                    + " (--tcp-port "
                    + port
                    + "): Address already in use\n");
      }
    }
  }

  @Test
  void theJarPrintsItsListenerServesAndExitsZeroOnSigterm() throws IOException {
    try (PolluxProcess pollux =
        PolluxProcess.startJar(dir, Map.of(), serveArgs("0", "0").toArray(String[]::new))) {
      servesUntilSigterm(pollux, TestServer.DEVICE_ID);
    }
  }

  @Test
  void binPolluxRunsTheServerAndExitsZeroOnSigterm() throws IOException {
    try (PolluxProcess pollux =
        PolluxProcess.startLauncher(dir, serveArgs("0", "off").toArray(String[]::new))) {
      servesUntilSigterm(pollux, TestServer.DEVICE_ID);
      assertThat(pollux.stderr()).as("stderr of bin/pollux").doesNotContain("building");
    }
  }

  /** A short token can be guessed, if slowly under the throttle: a warning, never the token. */
  @Test
  void aTokenShorterThanSixteenCharactersIsWarnedAboutWithoutShowingIt() throws IOException {
    String shortToken = "Sh0rt-t0ken-15c";
    String longToken = "L0ng-en0ugh-t0ken-16+";
    for (String token : List.of(shortToken, longToken)) {
      List<String> args = new ArrayList<>(serveArgs("0", "off"));
      args.addAll(List.of("--token", token));
      try (PolluxProcess pollux =
          PolluxProcess.startJar(dir, Map.of(), args.toArray(String[]::new))) {
        pollux.awaitTcpPort();
        pollux.terminate();
        assertThat(pollux.awaitExit()).as("exit status after SIGTERM; %s", pollux).isZero();
        String log = pollux.stderr() + pollux.stdout();
        assertThat(log)
            .as("the output with a token of %d characters", token.length())
            .doesNotContain(token);
        if (token.equals(shortToken)) {
          assertThat(log).contains("WARN").contains("the token is shorter than 16 characters");
        } else {
          assertThat(log).doesNotContain("the token is shorter");
        }
      }
    }
  }

  @Test
  void polluxVariablesReachTheServer() throws IOException {
    Map<String, String> env =
        Map.of(
            "POLLUX_BIND", "127.0.0.1",
            "POLLUX_TCP_PORT", "0",
            "POLLUX_HTTP_PORT", "off",
            "POLLUX_SYSFS", tree.sysfsRoot().toString(),
            "POLLUX_PROCFS", tree.procfsRoot().toString(),
            "POLLUX_DEVICE_ID", "from-env");
    try (PolluxProcess pollux = PolluxProcess.startJar(dir, env)) {
      servesUntilSigterm(pollux, "from-env");
    }
  }

  /**
   * Reads the listener line, asks the server over TCP, sends SIGTERM, and checks that the client's
   * connection is closed and the process exits 0.
   */
  private static void servesUntilSigterm(PolluxProcess pollux, String deviceId) throws IOException {
    int port = pollux.awaitTcpPort();
    assertThat(pollux.stdout()).as("stdout").contains("pollux: tcp listening on 127.0.0.1:" + port);
    assertThat(pollux.stderr())
        .as("stderr: the listening line is on stdout only (the journal shows both streams)")
        .doesNotContain("listening on");
    try (RawClient client = RawClient.connect(port)) {
      assertThat(client.readLine()).as("banner").contains(" on " + deviceId + " ");
      client.write("temp\ninfo\n");
      assertThat(client.readLine()).as("temp").isEqualTo("48.312");
      assertThat(client.readLine()).as("info").startsWith("id=" + deviceId + " ");
      pollux.terminate();
      assertThat(client.awaitClosed()).as("the client's connection after SIGTERM").isTrue();
    }
    assertThat(pollux.awaitExit()).as("exit status after SIGTERM; %s", pollux).isZero();
    assertThat(pollux.stderr())
        .as("the log after SIGTERM")
        .containsSubsequence("shutting down", "stopped");
  }

  /** Options serving the fake tree on 127.0.0.1 with these ports. */
  private List<String> serveArgs(String tcpPort, String httpPort) {
    return List.of(
        "--bind",
        "127.0.0.1",
        "--tcp-port",
        tcpPort,
        "--http-port",
        httpPort,
        "--sysfs",
        tree.sysfsRoot().toString(),
        "--procfs",
        tree.procfsRoot().toString(),
        "--interval",
        "200ms",
        "--loops",
        "1",
        "--device-id",
        TestServer.DEVICE_ID);
  }
}
