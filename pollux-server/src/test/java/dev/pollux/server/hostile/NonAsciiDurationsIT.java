package dev.pollux.server.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pollux.server.TestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Durations written with digits other than ASCII (issue 15: {@code Character.isDigit} accepted
 * them, then {@code c - '0'} gave {@code ٣s} (ARABIC-INDIC DIGIT THREE) the value 1 587 s): refused
 * wherever a duration is read — an option (exit 2 naming it), {@code since=} ({@code 400}), TCP
 * {@code watch} ({@code ERR}).
 */
class NonAsciiDurationsIT {

  @TempDir Path dir;

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "--interval, \u0663s", // ARABIC-INDIC DIGIT THREE
    "--idle-timeout, \uff13s", // FULLWIDTH DIGIT THREE
    "--history, \u0967h", // DEVANAGARI DIGIT ONE
  })
  void anOptionWithNonAsciiDigitsExitsTwoNamingIt(String option, String value) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(HostileServer.launcher().toString());
    var tree = TestServer.standardTree(dir.resolve("tree"));
    command.addAll(
        List.of(
            "--bind",
            "127.0.0.1",
            "--http-port",
            "off",
            "--tcp-port",
            "0",
            "--sysfs",
            tree.sysfsRoot().toString(),
            "--procfs",
            tree.procfsRoot().toString(),
            option,
            value));
    Process process = HostileServer.launch(dir, command);
    try {
      await("bin/pollux " + option + " " + value + " to exit (or to listen)")
          .atMost(HostileServer.DEADLINE)
          .until(() -> !process.isAlive() || read("stdout.txt").contains("listening"));
      assertThat(process.isAlive())
          .as("bin/pollux %s %s still running; stdout: %s", option, value, read("stdout.txt"))
          .isFalse();
      assertThat(process.exitValue()).as("exit status of %s %s", option, value).isEqualTo(2);
      assertThat(read("stderr.txt")).as("the message of %s %s", option, value).contains(option);
    } finally {
      HostileServer.kill(process);
    }
  }

  @Test
  void aSinceWithArabicIndicDigitsIsAnswered400() throws IOException {
    try (HostileServer server = HostileServer.start(dir);
        Peer peer = Peer.connect(Peer.HONEST, server.httpPort())) {
      peer.send(
          "GET /api/v1/sensors/"
              + Attacks.SENSOR
              + "/history?since=%D9%A3s HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
      assertThat(peer.readResponse(Attacks.ANSWER).status())
          .as("history?since=%%D9%%A3s (ARABIC-INDIC DIGIT THREE, s)")
          .isEqualTo(400);
    }
  }

  @Test
  void aWatchPeriodWithNonAsciiDigitsIsRefused() throws IOException {
    try (HostileServer server = HostileServer.start(dir);
        Peer peer = Peer.connect(Peer.HONEST, server.tcpPort())) {
      peer.readLine(); // the banner
      peer.send("watch all \u0663s\n".getBytes(StandardCharsets.UTF_8));
      assertThat(peer.readLine(Attacks.ANSWER))
          .as("the reply to 'watch all \u0663s' (ARABIC-INDIC DIGIT THREE)")
          .startsWith("ERR ");
    }
  }

  private String read(String file) throws IOException {
    Path path = dir.resolve(file);
    return Files.exists(path) ? Files.readString(path, StandardCharsets.UTF_8) : "";
  }
}
