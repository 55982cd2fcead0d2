package dev.pollux.server.tcp;

import static dev.pollux.server.tcp.Talk.ask;
import static dev.pollux.server.tcp.Talk.askBlock;
import static dev.pollux.server.tcp.Talk.readBlock;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pollux.loop.Transports;
import dev.pollux.server.TestServer;
import dev.pollux.server.cli.Version;
import dev.pollux.testing.net.LeakCheck;
import dev.pollux.testing.net.RawClient;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The read-only rows of design.md's TCP protocol table, over a real socket to a server on a fake
 * tree ({@link TestServer#standardTree}): banner, {@code temp}, {@code list}, {@code get}, {@code
 * info}, {@code help}, {@code quit}, unknown commands, case-insensitivity.
 */
class TcpProtocolIT {

  @RegisterExtension final LeakCheck leaks = LeakCheck.threadsNamed("pollux-");

  /** {@code list} of the standard tree, as {@code <id> <value> <unit>} lines. */
  static final List<String> STANDARD_LIST =
      List.of(
          "thermal_zone0 48.312 °C",
          "thermal_zone1 41.25 °C",
          "load1 0.52",
          "load5 0.58",
          "load15 0.59",
          "memory_total 1024000000 B",
          "memory_available 256000000 B");

  @TempDir Path dir;
  private TestServer server;

  @BeforeEach
  void start() {
    server = TestServer.on(TestServer.standardTree(dir)).tcp().start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void theBannerNamesPolluxItsVersionAndTheDeviceAndPointsToHelp() throws IOException {
    try (RawClient client = RawClient.connect(server.tcpPort())) {
      assertThat(client.readLine())
          .as("first line after connecting")
          .isEqualTo(
              "pollux "
                  + Version.current()
                  + " on "
                  + TestServer.DEVICE_ID
                  + " (type help for the commands)");
    }
  }

  @Test
  void anEmptyLineAndTempGiveThePrimaryTemperatureInDegrees() throws IOException {
    try (RawClient client = server.connectTcp()) {
      assertThat(ask(client, "")).as("reply to an empty line").isEqualTo("48.312");
      assertThat(ask(client, "temp")).as("reply to 'temp'").isEqualTo("48.312");
    }
  }

  @Test
  void listGivesOneLinePerSensorThenADot() throws IOException {
    try (RawClient client = server.connectTcp()) {
      assertThat(askBlock(client, "list"))
          .as("lines of 'list' before '.'")
          .containsExactlyInAnyOrderElementsOf(STANDARD_LIST);
      assertThat(ask(client, "temp")).as("'temp' after 'list'").isEqualTo("48.312");
    }
  }

  @Test
  void getGivesTheValueAndItsUnit() throws IOException {
    try (RawClient client = server.connectTcp()) {
      assertThat(ask(client, "get thermal_zone1")).isEqualTo("41.25 °C");
      assertThat(ask(client, "get load15")).as("a unitless value").isEqualTo("0.59");
      assertThat(ask(client, "get memory_available")).isEqualTo("256000000 B");
    }
  }

  @Test
  void getOfAnUnknownIdIsAnError() throws IOException {
    try (RawClient client = server.connectTcp()) {
      assertThat(ask(client, "get thermal_zone9")).isEqualTo("ERR unknown sensor");
      assertThat(ask(client, "get led_act"))
          .as("an actuator is not a sensor")
          .isEqualTo("ERR unknown sensor");
      assertThat(ask(client, "get")).as("get without an id").startsWith("ERR ");
      assertThat(ask(client, "temp")).as("the connection goes on").isEqualTo("48.312");
    }
  }

  @Test
  void infoGivesKeyValuePairsWithIdVersionUptimeAndIo() throws IOException {
    try (RawClient client = server.connectTcp()) {
      String line = ask(client, "info");
      Map<String, String> pairs = new HashMap<>();
      for (String pair : line.split(" ", -1)) {
        assertThat(pair).as("every word of info '%s' is key=value", line).matches("[a-z]+=\\S+");
        pairs.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
      }
      assertThat(pairs)
          .as("info: %s", line)
          .containsEntry("id", TestServer.DEVICE_ID)
          .containsEntry("version", Version.current())
          .containsEntry("io", Transports.auto().transport().name()) // what --io auto picks
          .containsEntry("loops", "2")
          .containsKey("uptime");
      assertThat(pairs.get("uptime")).as("uptime in seconds, in '%s'", line).matches("\\d+");
    }
  }

  @Test
  void helpListsEveryCommandOneALineThenADot() throws IOException {
    try (RawClient client = server.connectTcp()) {
      List<String> help = askBlock(client, "help");
      List<String> commands = help.stream().map(l -> l.split(" ", -1)[0]).toList();
      assertThat(commands)
          .as("first words of the help lines %s", help)
          .containsExactly(
              "temp", "list", "get", "watch", "stop", "info", "auth", "set", "set", "help", "quit");
      assertThat(ask(client, "temp")).as("'temp' after 'help'").isEqualTo("48.312");
    }
  }

  @Test
  void quitSaysByeAndTheServerCloses() throws IOException {
    try (RawClient client = server.connectTcp()) {
      assertThat(ask(client, "quit")).isEqualTo("BYE");
      assertThat(client.awaitClosed()).as("end of stream after BYE").isTrue();
    }
  }

  @Test
  void anUnknownCommandIsNamedInTheError() throws IOException {
    try (RawClient client = server.connectTcp()) {
      assertThat(ask(client, "frobnicate the sensors"))
          .isEqualTo("ERR unknown command 'frobnicate'");
      assertThat(ask(client, "temp")).as("the connection goes on").isEqualTo("48.312");
    }
  }

  @Test
  void commandsAreCaseInsensitiveButIdsAreKeptAsWritten() throws IOException {
    try (RawClient client = server.connectTcp()) {
      assertThat(ask(client, "TEMP")).isEqualTo("48.312");
      assertThat(ask(client, "Temp")).isEqualTo("48.312");
      assertThat(ask(client, "GeT thermal_zone1")).isEqualTo("41.25 °C");
      assertThat(askBlock(client, "LIST")).containsExactlyInAnyOrderElementsOf(STANDARD_LIST);
      assertThat(ask(client, "INFO")).startsWith("id=" + TestServer.DEVICE_ID + " ");
      assertThat(askBlock(client, "Help")).hasSize(11);
      assertThat(ask(client, "QUIT")).isEqualTo("BYE");
      assertThat(client.awaitClosed()).as("closed after QUIT").isTrue();
    }
  }

  @Test
  void crLfLineEndingsAreAccepted() throws IOException {
    try (RawClient client = server.connectTcp()) {
      client.write("temp\r\nget thermal_zone1\r\n\r\nlist\r\n");
      assertThat(client.readLine()).as("reply to 'temp\\r\\n'").isEqualTo("48.312");
      assertThat(client.readLine()).as("reply to 'get...\\r\\n'").isEqualTo("41.25 °C");
      assertThat(client.readLine()).as("reply to an empty '\\r\\n'").isEqualTo("48.312");
      assertThat(readBlock(client)).containsExactlyInAnyOrderElementsOf(STANDARD_LIST);
    }
  }

  @Test
  void pipelinedLinesInOneWriteAreAnsweredInOrder() throws IOException {
    try (RawClient client = server.connectTcp()) {
      client.write("temp\nget load1\nbogus\n\nget thermal_zone1\nlist\nget nope\nTEMP\nquit\n");
      assertThat(client.readLine()).isEqualTo("48.312");
      assertThat(client.readLine()).isEqualTo("0.52");
      assertThat(client.readLine()).isEqualTo("ERR unknown command 'bogus'");
      assertThat(client.readLine()).isEqualTo("48.312");
      assertThat(client.readLine()).isEqualTo("41.25 °C");
      assertThat(readBlock(client)).containsExactlyInAnyOrderElementsOf(STANDARD_LIST);
      assertThat(client.readLine()).isEqualTo("ERR unknown sensor");
      assertThat(client.readLine()).isEqualTo("48.312");
      assertThat(client.readLine()).isEqualTo("BYE");
      assertThat(client.awaitClosed()).as("closed after the pipelined quit").isTrue();
    }
  }

  @Test
  void everyErrorReplyStartsWithErrAndTheConnectionGoesOn() throws IOException {
    List<String> bad =
        List.of(
            "get",
            "get a b",
            "get nope",
            "list all",
            "temp 1",
            "watch",
            "watch nope",
            "watch all fast",
            "watch all 1ms",
            "watch all 5s extra",
            "stop now",
            "auth",
            "auth wrong",
            "set",
            "set led_act",
            "set led_act 1",
            "help me",
            "what",
            "\u00e9t\u00e9");
    try (RawClient client = server.connectTcp()) {
      for (String line : bad) {
        assertThat(ask(client, line)).as("reply to '%s'", line).startsWith("ERR ");
      }
      assertThat(ask(client, "temp")).as("'temp' after the errors").isEqualTo("48.312");
    }
  }
}
