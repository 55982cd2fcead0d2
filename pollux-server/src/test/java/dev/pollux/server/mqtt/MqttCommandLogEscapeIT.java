package dev.pollux.server.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pollux.server.TestServer;
import dev.pollux.server.hostile.HostileServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hostile MQTT command (issue 15): a topic with U+2028 (LINE SEPARATOR, which ends a line in many
 * log viewers, so a forged line follows) and U+202E (RIGHT-TO-LEFT OVERRIDE, which shows text
 * reversed) reached the log as sent; the TCP parser escapes format and separator characters, and so
 * must the MQTT path. Against {@code bin/pollux} and a real Mosquitto.
 */
class MqttCommandLogEscapeIT {

  static final String FORGED = "led\u2028pollux: INFO forged line\u202Eevil";

  @TempDir Path dir;

  @Test
  void aCommandTopicWithSeparatorAndBidiCharactersIsLoggedEscaped() throws Exception {
    try (Mosquitto broker =
            Mosquitto.onFreePort(Files.createDirectories(dir.resolve("broker"))).start();
        HostileServer server =
            HostileServer.start(
                Files.createDirectories(dir.resolve("pollux")), "--mqtt", broker.url());
        MqttProbe probe = MqttProbe.connect(broker.url())) {
      String topic = "pollux/" + TestServer.DEVICE_ID + "/actuator/" + FORGED + "/set";
      // The bridge may report itself connected before the broker has its subscription: resend.
      await("the server to log the rejected command")
          .atMost(MqttProbe.DEADLINE)
          .until(
              () -> {
                probe.publish(topic, "1\u2028\u202E");
                return server.log().contains("mqtt: command on ");
              });
      String log = server.log();
      assertThat(log)
          .as(
              "the log after a command on %s",
              topic.replace("\u2028", "<U+2028>").replace("\u202E", "<U+202E>"))
          .doesNotContain("\u2028")
          .doesNotContain("\u202E")
          .contains("mqtt: command on pollux/" + TestServer.DEVICE_ID + "/actuator/led");
      server.assertServing();
    }
  }
}
