package dev.pollux.server.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pollux.server.PolluxServer;
import dev.pollux.server.TestServer;
import dev.pollux.testing.sysfs.FakeSysfs;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes over MQTT against a real Mosquitto: a command carries no Pollux token (design.md: the
 * broker's ACLs guard the command topic), so what can be refused here is a server without a token —
 * every command refused, the LED untouched, also commands that carry the token in their payload;
 * the same command is then applied by a server with a token, so the refusals are real ones. The
 * token itself is never published by the server.
 */
class MqttWriteAuthIT {

  private static final String DEVICE = "auth-pi";
  private static final String TOKEN = "Mq7-sekret-0Pz";
  private static final String LED_SET = "pollux/" + DEVICE + "/actuator/led_act/set";
  private static final String LED_STATE = "pollux/" + DEVICE + "/actuator/led_act/state";

  @TempDir Path dir;
  private FakeSysfs fake;
  private Mosquitto broker;
  private final List<AutoCloseable> toClose = new ArrayList<>();

  @BeforeEach
  void brokerAndTree() throws Exception {
    fake = FakeSysfs.in(dir).thermalZone(0, "cpu-thermal", 40_000).led("ACT", 0, 255);
    broker = Mosquitto.onFreePort(dir).start();
  }

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable closeable : toClose.reversed()) {
      closeable.close();
    }
    broker.close();
  }

  @Test
  void withoutATokenNoCommandIsAppliedAndWithOneTheSameCommandIs() throws Exception {
    PolluxServer noToken = start(List.of());
    MqttProbe probe = MqttProbe.connect(broker.url());
    toClose.add(probe);
    probe.waitFor(LED_STATE, "0");

    probe.publish(LED_SET, "5");
    probe.publish(LED_SET, "{\"value\": 5}");
    probe.publish(LED_SET, "{\"value\": 5, \"token\": \"" + TOKEN + "\"}");
    probe.publish(LED_SET, TOKEN);

    await("4 rejected commands of the server without a token")
        .atMost(MqttProbe.DEADLINE)
        .until(() -> rejected(noToken) == 4);
    assertThat(Files.readString(ledBrightness()).strip())
        .as("the LED after commands to a server without a token")
        .isEqualTo("0");
    toClose.remove(noToken);
    noToken.close();

    start(List.of("--token", TOKEN));
    // "Connected" comes before the broker has the bridge's subscription, and a command sent before
    // it is lost, not refused: send the same (idempotent) command until it is applied.
    await("the command applied by the server with a token")
        .atMost(MqttProbe.DEADLINE)
        .pollInterval(Duration.ofMillis(250))
        .until(
            () -> {
              probe.publish(LED_SET, "5");
              return Files.readString(ledBrightness()).strip().equals("5");
            });
    probe.waitFor(LED_STATE, "5");
    assertThat(Files.readString(ledBrightness()).strip())
        .as("the LED after the same command to a server with a token")
        .isEqualTo("5");
    assertThat(probe.messages())
        .as("messages published by the server (not the probe's own commands)")
        .filteredOn(m -> !m.topic().equals(LED_SET))
        .noneSatisfy(m -> assertThat(m.payload()).contains(TOKEN));
  }

  private PolluxServer start(List<String> extra) throws Exception {
    PolluxServer server =
        TestServer.on(fake)
            .deviceId(DEVICE)
            .noToken()
            .options(
                "--mqtt", broker.url(), "--mqtt-interval", "1s", "--mqtt-reconnect-max", "200ms")
            .args(extra)
            .startOrThrow()
            .server();
    toClose.add(server);
    await("the bridge connected").atMost(MqttProbe.DEADLINE).until(() -> connected(server));
    return server;
  }

  private Path ledBrightness() {
    return fake.sysfsRoot().resolve("class/leds/ACT/brightness");
  }

  private static boolean connected(PolluxServer server) throws Exception {
    return figure(server, "pollux_mqtt_connected") == 1;
  }

  private static double rejected(PolluxServer server) throws Exception {
    return figure(server, "pollux_mqtt_commands_rejected_total");
  }

  /** A sample's value in the server's {@code /metrics} text; -1 if absent. */
  private static double figure(PolluxServer server, String name) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    server.metrics().writeTo(out);
    for (String line : out.toString(StandardCharsets.UTF_8).split("\n", -1)) {
      if (line.startsWith(name + " ")) {
        return Double.parseDouble(line.substring(name.length() + 1).strip());
      }
    }
    return -1;
  }
}
