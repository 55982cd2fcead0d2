package dev.pollux.server.tcp;

import static dev.pollux.server.tcp.Talk.ask;
import static dev.pollux.server.tcp.Talk.askBlock;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pollux.server.TestServer;
import dev.pollux.testing.net.LeakCheck;
import dev.pollux.testing.net.RawClient;
import dev.pollux.testing.sysfs.FakeSysfs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code set <led> trigger <name>} and boolean sensors over the TCP protocol, on a Raspberry Pi
 * tree: the ACT LED following {@code mmc0}, {@code get_throttled} = {@code 0x50005}.
 */
class TcpPiHardwareIT {

  @RegisterExtension final LeakCheck leaks = LeakCheck.threadsNamed("pollux-");

  @TempDir Path dir;
  private FakeSysfs tree;
  private Path trigger;

  @BeforeEach
  void buildTree() {
    tree =
        TestServer.standardTree(dir)
            .ledTriggers("ACT", "mmc0", "none", "mmc0", "heartbeat", "default-on")
            .getThrottled(0x50005);
    trigger = tree.ledDir("ACT").resolve("trigger");
  }

  @Test
  void setTriggerRestoresAKernelTriggerFromTheList() throws IOException {
    try (TestServer server = TestServer.on(tree).tcp().start();
        RawClient client = server.connectTcp()) {
      assertThat(ask(client, "set led_act trigger heartbeat"))
          .as("before auth")
          .isEqualTo("ERR not authorized: auth <token> first");
      assertThat(ask(client, "auth " + TestServer.TOKEN)).isEqualTo("OK");
      assertThat(ask(client, "set led_act trigger disco")).isEqualTo("ERR unknown trigger");
      assertThat(ask(client, "set led_nope trigger none")).isEqualTo("ERR unknown actuator");
      assertThat(ask(client, "set led_act trigger"))
          .isEqualTo("ERR usage: set <led> trigger <name>");
      assertThat(Files.readString(trigger)).isEqualTo("none [mmc0] heartbeat default-on\n");

      assertThat(ask(client, "SET led_act TRIGGER default-on")).isEqualTo("OK");
      assertThat(Files.readString(trigger)).isEqualTo("default-on\n");

      assertThat(ask(client, "set led_act 1")).isEqualTo("OK");
      assertThat(Files.readString(trigger)).as("after a brightness write").isEqualTo("none\n");
      assertThat(Files.readString(tree.ledDir("ACT").resolve("brightness"))).isEqualTo("1\n");
    }
  }

  @Test
  void booleanSensorsReadZeroOrOne() throws IOException {
    try (TestServer server = TestServer.on(tree).tcp().start();
        RawClient client = server.connectTcp()) {
      server.awaitFreshSample();
      assertThat(ask(client, "get throttled_undervoltage")).isEqualTo("1");
      assertThat(ask(client, "get throttled_frequency_capped")).isEqualTo("0");
      assertThat(askBlock(client, "list"))
          .contains("throttled_throttling 1", "throttled_soft_temp_limit_occurred 0");
    }
  }
}
