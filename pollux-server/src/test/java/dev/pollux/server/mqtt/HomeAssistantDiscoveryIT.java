package dev.pollux.server.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pollux.server.PolluxServer;
import dev.pollux.server.TestServer;
import dev.pollux.testing.sysfs.FakeSysfs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Home Assistant discovery as a real Mosquitto carries it: the device config (checked against
 * {@link HaSchema}), the per-component form behind {@code --mqtt-discovery component}, and the
 * migration between the two, in Home Assistant's documented order, of configs left retained on the
 * broker by an earlier run.
 */
class HomeAssistantDiscoveryIT {
  private static final String DEVICE = "ha-pi";
  private static final String DEVICE_CONFIG = "homeassistant/device/" + DEVICE + "/config";
  private static final String ZONE0_CONFIG =
      "homeassistant/sensor/" + DEVICE + "/thermal_zone0/config";
  private static final String LED_CONFIG = "homeassistant/light/" + DEVICE + "/led_act/config";
  private static final String OLD_LED_CONFIG = "homeassistant/number/" + DEVICE + "/led_act/config";

  @TempDir Path dir;
  private FakeSysfs fake;
  private Mosquitto broker;
  private final List<AutoCloseable> toClose = new ArrayList<>();

  @BeforeEach
  void brokerAndTree() throws Exception {
    fake =
        FakeSysfs.in(dir)
            .thermalZone(0, "cpu-thermal", 40_000)
            .led("ACT", 0, 255)
            .loadavg(0.5, 0.4, 0.3);
    fake.write(fake.procfsRoot().resolve("device-tree/model"), "Raspberry Pi 4 Model B Rev 1.4\0");
    broker = Mosquitto.onFreePort(dir).start();
  }

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable closeable : toClose.reversed()) {
      closeable.close();
    }
    broker.close();
  }

  private PolluxServer start(String... extra) throws Exception {
    PolluxServer server =
        TestServer.on(fake)
            .http()
            .deviceId(DEVICE)
            .token("secret-token-0123456789")
            .options(
                "--mqtt", broker.url(), "--mqtt-interval", "1s", "--mqtt-reconnect-max", "200ms")
            .args(extra)
            .startOrThrow()
            .server();
    toClose.add(server);
    return server;
  }

  private MqttProbe probe() throws Exception {
    MqttProbe probe = MqttProbe.connect(broker.url());
    toClose.add(probe);
    return probe;
  }

  @Test
  @SuppressWarnings("unchecked")
  void theDeviceConfigNamesTheBoardAndHoldsEveryEntity() throws Exception {
    PolluxServer server = start();
    MqttProbe probe = probe();

    Map<String, Object> config =
        probe.waitFor(DEVICE_CONFIG, "a config", m -> !m.payload().isEmpty()).json();

    HaSchema.checkDeviceConfig(config);
    int port = server.httpAddress().orElseThrow().getPort();
    assertThat((Map<String, Object>) config.get("dev"))
        .containsEntry("model", "Raspberry Pi 4 Model B")
        .containsEntry("manufacturer", "Raspberry Pi Ltd")
        .containsEntry("hw_version", "1.4")
        .containsEntry("configuration_url", "http://127.0.0.1:" + port + "/");
    Map<String, Object> cmps = (Map<String, Object>) config.get("cmps");
    assertThat((Map<String, Object>) cmps.get("thermal_zone0"))
        .containsEntry("p", "sensor")
        .containsEntry("device_class", "temperature");
    assertThat((Map<String, Object>) cmps.get("led_act")).containsEntry("p", "light");
    assertThat((Map<String, Object>) cmps.get("load1"))
        .containsEntry("entity_category", "diagnostic");
  }

  @Test
  void theComponentFormPublishesOneConfigPerEntity() throws Exception {
    start("--mqtt-discovery", "component", "--mqtt-dashboard-url", "https://pi.example/");
    MqttProbe probe = probe();

    Map<String, Object> zone =
        probe.waitFor(ZONE0_CONFIG, "a config", m -> !m.payload().isEmpty()).json();
    Map<String, Object> led =
        probe.waitFor(LED_CONFIG, "a config", m -> !m.payload().isEmpty()).json();

    HaSchema.checkEntity("sensor", zone);
    HaSchema.checkEntity("light", led);
    assertThat(zone.toString()).contains("configuration_url=https://pi.example/");
    assertThat(probe.messages()).noneMatch(m -> m.topic().equals(DEVICE_CONFIG));
  }

  @Test
  void retainedPerComponentConfigsAreMigratedToTheDeviceConfig() throws Exception {
    try (MqttProbe earlier = MqttProbe.connect(broker.url())) {
      earlier.publishRetained(ZONE0_CONFIG, "{\"name\":\"old zone\"}");
      earlier.publishRetained(OLD_LED_CONFIG, "{\"name\":\"old led\"}");
      earlier.waitFor(OLD_LED_CONFIG, "{\"name\":\"old led\"}"); // the broker has both
    }
    MqttProbe probe = probe();

    start();

    await("the migration of " + ZONE0_CONFIG)
        .atMost(MqttProbe.DEADLINE)
        .until(() -> order(probe, ZONE0_CONFIG).size() >= 3);
    List<String> seen = order(probe, ZONE0_CONFIG);
    // Home Assistant's order: migrate_discovery on the old topic, the device config, then the
    // old topic cleared.
    assertThat(seen.subList(seen.size() - 3, seen.size()))
        .as("what %s saw, in order", ZONE0_CONFIG)
        .containsExactly("migrate " + ZONE0_CONFIG, "device config", "clear " + ZONE0_CONFIG);
    // The LED was a number and is a light now: its old config is removed, not handed over.
    await("the removal of " + OLD_LED_CONFIG)
        .atMost(MqttProbe.DEADLINE)
        .until(() -> order(probe, OLD_LED_CONFIG).contains("clear " + OLD_LED_CONFIG));
    assertThat(order(probe, OLD_LED_CONFIG)).doesNotContain("migrate " + OLD_LED_CONFIG);
    try (MqttProbe late = MqttProbe.connect(broker.url())) {
      late.waitForRetained(STATUS_ONLINE_TOPIC, "online");
      assertThat(late.messages())
          .as("nothing retained on the old topics any more")
          .noneMatch(m -> m.topic().equals(ZONE0_CONFIG) || m.topic().equals(OLD_LED_CONFIG));
      late.waitFor(DEVICE_CONFIG, "a retained config", m -> m.retained());
    }
  }

  private static final String STATUS_ONLINE_TOPIC = "pollux/" + DEVICE + "/status";

  /** The probe's view of one old topic and the device config, as a short story. */
  private static List<String> order(MqttProbe probe, String oldTopic) {
    List<String> story = new ArrayList<>();
    for (MqttProbe.Message m : probe.messages()) {
      if (m.topic().equals(oldTopic) && m.payload().contains("migrate_discovery")) {
        story.add("migrate " + oldTopic);
      } else if (m.topic().equals(oldTopic) && m.payload().isEmpty()) {
        story.add("clear " + oldTopic);
      } else if (m.topic().equals(DEVICE_CONFIG) && !m.payload().isEmpty()) {
        story.add("device config");
      }
    }
    return story;
  }
}
