package dev.pollux.server.tcp;

import static dev.pollux.server.tcp.Talk.ask;
import static dev.pollux.server.tcp.Talk.readBlock;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pollux.server.TestServer;
import dev.pollux.testing.net.LeakCheck;
import dev.pollux.testing.net.RawClient;
import dev.pollux.testing.sysfs.FakeSysfs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code auth} and {@code set} of design.md's TCP protocol: writes need the token, reach the LED's
 * {@code brightness} file, are checked against its range, and are refused when no token is
 * configured; replies keep the order of pipelined lines around a {@code set}.
 */
class TcpAuthIT {

  @RegisterExtension final LeakCheck leaks = LeakCheck.threadsNamed("pollux-");

  @TempDir Path dir;
  private FakeSysfs tree;
  private Path brightness;

  @BeforeEach
  void buildTree() {
    tree = TestServer.standardTree(dir);
    brightness = tree.sysfsRoot().resolve("class/leds/ACT/brightness");
  }

  @Test
  void authWithTheRightTokenIsOkAndWithAWrongOneIsBadToken() throws IOException {
    try (TestServer server = TestServer.on(tree).tcp().start()) {
      try (RawClient client = server.connectTcp()) {
        assertThat(ask(client, "auth not-" + TestServer.TOKEN)).isEqualTo("ERR bad token");
        assertThat(ask(client, "auth " + TestServer.TOKEN)).isEqualTo("OK");
      }
    }
  }

  @Test
  void setBeforeAuthIsRefusedAndTheLedIsUntouched() throws IOException {
    try (TestServer server = TestServer.on(tree).tcp().start()) {
      try (RawClient client = server.connectTcp()) {
        assertThat(ask(client, "set led_act 100")).startsWith("ERR ");
        assertThat(ask(client, "auth wrong")).isEqualTo("ERR bad token");
        assertThat(ask(client, "set led_act 100")).as("set after a wrong token").startsWith("ERR ");
      }
      assertThat(brightnessFile()).as("brightness after refused sets").isEqualTo("0");
    }
  }

  @Test
  void setAfterAuthWritesTheLedsBrightnessFile() throws IOException {
    try (TestServer server = TestServer.on(tree).tcp().start()) {
      try (RawClient client = server.connectTcp()) {
        assertThat(ask(client, "auth " + TestServer.TOKEN)).isEqualTo("OK");
        assertThat(ask(client, "set led_act 200")).isEqualTo("OK");
        assertThat(brightnessFile()).as("brightness after 'set led_act 200'").isEqualTo("200");
        assertThat(ask(client, "SET led_act 255")).as("the largest value").isEqualTo("OK");
        assertThat(brightnessFile()).as("brightness after 'SET led_act 255'").isEqualTo("255");
      }
    }
  }

  @Test
  void authIsPerConnection() throws IOException {
    try (TestServer server = TestServer.on(tree).tcp().start();
        RawClient authorized = server.connectTcp();
        RawClient other = server.connectTcp()) {
      assertThat(ask(authorized, "auth " + TestServer.TOKEN)).isEqualTo("OK");
      assertThat(ask(other, "set led_act 9")).as("set on another connection").startsWith("ERR ");
      assertThat(brightnessFile()).isEqualTo("0");
    }
  }

  @Test
  void setOutOfRangeNamesTheRangeAndWritesNothing() throws IOException {
    try (TestServer server = TestServer.on(tree).tcp().start()) {
      try (RawClient client = server.connectTcp()) {
        assertThat(ask(client, "auth " + TestServer.TOKEN)).isEqualTo("OK");
        assertThat(ask(client, "set led_act 256")).isEqualTo("ERR out of range: 0 to 255");
        assertThat(ask(client, "set led_act -1")).isEqualTo("ERR out of range: 0 to 255");
        assertThat(ask(client, "set led_act bright")).startsWith("ERR ");
      }
      assertThat(brightnessFile()).as("brightness after refused sets").isEqualTo("0");
    }
  }

  @Test
  void setOfAnUnknownActuatorIsAnError() throws IOException {
    try (TestServer server = TestServer.on(tree).tcp().start()) {
      try (RawClient client = server.connectTcp()) {
        assertThat(ask(client, "auth " + TestServer.TOKEN)).isEqualTo("OK");
        assertThat(ask(client, "set led_nope 1")).isEqualTo("ERR unknown actuator");
        assertThat(ask(client, "set thermal_zone0 1"))
            .as("a sensor is not an actuator")
            .isEqualTo("ERR unknown actuator");
      }
    }
  }

  @Test
  void withoutAConfiguredTokenEveryWriteIsRefused() throws IOException {
    try (TestServer server = TestServer.on(tree).tcp().noToken().start()) {
      try (RawClient client = server.connectTcp()) {
        assertThat(ask(client, "set led_act 1")).startsWith("ERR ");
        assertThat(ask(client, "auth " + TestServer.TOKEN)).isEqualTo("ERR bad token");
        assertThat(ask(client, "auth ")).as("auth with nothing").startsWith("ERR ");
        assertThat(ask(client, "set led_act 1")).startsWith("ERR writes are disabled");
      }
      assertThat(brightnessFile()).as("brightness without a token").isEqualTo("0");
    }
  }

  @Test
  void repliesKeepTheOrderOfPipelinedLinesAroundASet() throws IOException {
    try (TestServer server = TestServer.on(tree).tcp().start()) {
      try (RawClient client = server.connectTcp()) {
        client.write(
            "temp\nauth "
                + TestServer.TOKEN
                + "\nset led_act 7\nget thermal_zone1\nlist\nset led_act 300\nset led_act 42\n"
                + "set led_nope 1\ninfo\ntemp\nquit\n");
        assertThat(client.readLine()).as("temp").isEqualTo("48.312");
        assertThat(client.readLine()).as("auth").isEqualTo("OK");
        assertThat(client.readLine()).as("set led_act 7").isEqualTo("OK");
        assertThat(client.readLine()).as("get thermal_zone1").isEqualTo("41.25 °C");
        assertThat(readBlock(client)).as("list").hasSize(TcpProtocolIT.STANDARD_LIST.size());
        assertThat(client.readLine()).as("set 300").isEqualTo("ERR out of range: 0 to 255");
        assertThat(client.readLine()).as("set 42").isEqualTo("OK");
        assertThat(client.readLine()).as("set led_nope").isEqualTo("ERR unknown actuator");
        assertThat(client.readLine()).as("info").startsWith("id=" + TestServer.DEVICE_ID);
        assertThat(client.readLine()).as("temp").isEqualTo("48.312");
        assertThat(client.readLine()).as("quit").isEqualTo("BYE");
        assertThat(client.awaitClosed()).as("closed after quit").isTrue();
      }
      assertThat(brightnessFile()).as("brightness after the last set").isEqualTo("42");
    }
  }

  private String brightnessFile() throws IOException {
    return Files.readString(brightness, StandardCharsets.UTF_8).strip();
  }
}
