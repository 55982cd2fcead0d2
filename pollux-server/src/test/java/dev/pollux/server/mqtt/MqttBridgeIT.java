package dev.pollux.server.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pollux.server.PolluxServer;
import dev.pollux.server.StartupException;
import dev.pollux.server.TestServer;
import dev.pollux.testing.net.Leaks;
import dev.pollux.testing.net.RawClient;
import dev.pollux.testing.sysfs.FakeSysfs;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
 * The bridge against a real Mosquitto broker, with the whole server running in this JVM on a fake
 * sysfs tree: what Home Assistant and a subscriber see, LED commands, a broker outage and a broker
 * that is not there yet at start.
 */
class MqttBridgeIT {

  private static final String DEVICE = "it-pi";
  private static final String STATUS = "pollux/" + DEVICE + "/status";
  private static final String ZONE0_STATE = "pollux/" + DEVICE + "/sensor/thermal_zone0/state";
  private static final String DEVICE_CONFIG = "homeassistant/device/" + DEVICE + "/config";
  private static final String LED_SET = "pollux/" + DEVICE + "/actuator/led_act/set";
  private static final String LED_STATE = "pollux/" + DEVICE + "/actuator/led_act/state";

  @TempDir Path dir;
  private FakeSysfs fake;
  private Mosquitto broker;
  private final List<AutoCloseable> toClose = new ArrayList<>();
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void tree() {
    fake = FakeSysfs.in(dir).thermalZone(0, "cpu-thermal", 40_000).led("ACT", 0, 255);
    broker = Mosquitto.onFreePort(dir);
  }

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable closeable : toClose.reversed()) {
      closeable.close();
    }
    broker.close();
    http.close();
  }

  private TestServer.Builder server() {
    return TestServer.on(fake)
        .http()
        .tcp()
        .deviceId(DEVICE)
        .token("secret")
        .options("--mqtt", broker.url(), "--mqtt-interval", "1s", "--mqtt-reconnect-max", "200ms");
  }

  private PolluxServer startServer() throws StartupException {
    return startServer(server());
  }

  private PolluxServer startServer(TestServer.Builder builder) throws StartupException {
    PolluxServer server = builder.startOrThrow().server();
    toClose.add(server);
    return server;
  }

  private MqttProbe probe() throws Exception {
    MqttProbe probe = MqttProbe.connect(broker.url());
    toClose.add(probe);
    return probe;
  }

  private Path zone0Temp() {
    return fake.thermalZoneDir(0).resolve("temp");
  }

  private Path ledBrightness() {
    return fake.sysfsRoot().resolve("class/leds/ACT/brightness");
  }

  @Test
  void aNewSubscriberFindsAvailabilityDiscoveryAndStatesRetained() throws Exception {
    broker.start();
    PolluxServer server = startServer();
    await()
        .atMost(MqttProbe.DEADLINE)
        .until(() -> metric(server, "pollux_mqtt_publishes_total") >= 6);

    MqttProbe probe = probe();

    probe.waitForRetained(STATUS, "online");
    probe.waitForRetained(ZONE0_STATE, "40");
    probe.waitForRetained(LED_STATE, "0");
    // Its contents are HomeAssistantDiscoveryIT's.
    probe.waitFor(DEVICE_CONFIG, "retained JSON", m -> m.retained() && !m.payload().isEmpty());
    assertThat(metric(server, "pollux_mqtt_connected")).isEqualTo(1);
  }

  @Test
  void aValueWrittenToSysfsArrivesOnMqtt() throws Exception {
    broker.start();
    startServer();
    MqttProbe probe = probe();
    probe.waitFor(ZONE0_STATE, "40");

    fake.write(zone0Temp(), "41500\n");

    probe.waitFor(ZONE0_STATE, "41.5");
  }

  @Test
  void aSetCommandWritesTheLedAndItsNewStateIsPublished() throws Exception {
    broker.start();
    PolluxServer server = startServer();
    MqttProbe probe = probe();
    probe.waitFor(LED_STATE, "0");

    probe.publish(LED_SET, "128");

    probe.waitFor(LED_STATE, "128");
    assertThat(Files.readString(ledBrightness()).strip()).isEqualTo("128");
    probe.publish(LED_SET, "{\"value\": 7}");
    probe.waitFor(LED_STATE, "7");
    assertThat(metric(server, "pollux_mqtt_commands_rejected_total")).isZero();
  }

  @Test
  void clearingARetainedCommandIsNeitherAppliedNorRejected() throws Exception {
    broker.start();
    PolluxServer server = startServer();
    MqttProbe probe = probe();
    probe.waitFor(LED_STATE, "0");

    probe.publishRetained(LED_SET, "");
    probe.publish(LED_SET, "9");

    // Commands are handled in order: once 9 is applied, the empty payload has been seen.
    probe.waitFor(LED_STATE, "9");
    assertThat(metric(server, "pollux_mqtt_commands_rejected_total")).isZero();
  }

  @Test
  void aCommandSentOnceTheBridgeReportsConnectedIsApplied() throws Exception {
    broker.start();
    PolluxServer server = startServer();
    await("pollux_mqtt_connected 1")
        .atMost(MqttProbe.DEADLINE)
        .until(() -> metric(server, "pollux_mqtt_connected") == 1);
    MqttProbe probe = probe();

    // One send, no retry: connected means the broker has acknowledged our subscription.
    probe.publish(LED_SET, "77");

    probe.waitFor(LED_STATE, "77");
    assertThat(Files.readString(ledBrightness()).strip()).isEqualTo("77");
  }

  @Test
  void badCommandsAreRejectedCountedAndNeverApplied() throws Exception {
    broker.start();
    PolluxServer server = startServer();
    MqttProbe probe = probe();
    probe.waitFor(LED_STATE, "0");

    probe.publish(LED_SET, "bright");
    probe.publish(LED_SET, "256");
    probe.publish("pollux/" + DEVICE + "/actuator/led_nope/set", "1");

    await("3 rejected commands in /metrics")
        .atMost(MqttProbe.DEADLINE)
        .until(() -> metric(server, "pollux_mqtt_commands_rejected_total") == 3);
    assertThat(Files.readString(ledBrightness()).strip()).isEqualTo("0");
    assertThat(metric(server, "pollux_mqtt_connected")).as("the bridge lives on").isEqualTo(1);
    probe.publish(LED_SET, "9");
    probe.waitFor(LED_STATE, "9");
  }

  @Test
  void withoutATokenCommandsAreRefused() throws Exception {
    broker.start();
    PolluxServer server = startServer(server().noToken());
    MqttProbe probe = probe();
    probe.waitFor(LED_STATE, "0");

    probe.publish(LED_SET, "5");

    await()
        .atMost(MqttProbe.DEADLINE)
        .until(() -> metric(server, "pollux_mqtt_commands_rejected_total") == 1);
    assertThat(Files.readString(ledBrightness()).strip()).isEqualTo("0");
  }

  @Test
  void afterABrokerOutageTheBridgeReconnectsAndRepublishesWhileHttpAndTcpServeThroughout()
      throws Exception {
    broker.start();
    Leaks leaks = Leaks.snapshot("pollux-mqtt");
    PolluxServer server = startServer();
    MqttProbe probe = probe();
    probe.waitFor(ZONE0_STATE, "40");
    toClose.remove(probe);
    probe.close();

    broker.kill();
    await("the bridge to notice the outage")
        .atMost(MqttProbe.DEADLINE)
        .until(() -> metric(server, "pollux_mqtt_connected") == 0);
    fake.write(zone0Temp(), "42250\n");
    await("the new value in /temp during the outage")
        .atMost(MqttProbe.DEADLINE)
        .until(() -> getIfOk(server, "/temp").equals("42.25\n"));
    try (RawClient tcp = RawClient.connect(server.tcpAddress().orElseThrow().getPort())) {
      tcp.readLine(); // banner
      assertThat(tcp.write("temp\n").readLine())
          .as("TCP 'temp' during the outage")
          .isEqualTo("42.25");
    }

    broker.start();
    MqttProbe after = probe();

    after.waitFor(STATUS, "online");
    after.waitFor(ZONE0_STATE, "42.25");
    after.waitFor(DEVICE_CONFIG, "a config", m -> !m.payload().isEmpty());
    try (MqttProbe late = MqttProbe.connect(broker.url())) {
      late.waitForRetained(STATUS, "online");
      late.waitForRetained(ZONE0_STATE, "42.25");
    }
    assertThat(metric(server, "pollux_mqtt_reconnects_total")).isGreaterThanOrEqualTo(1);
    assertThat(get(server, "/healthz")).startsWith("ok");
    for (AutoCloseable closeable : List.of(after, server)) {
      toClose.remove(closeable);
      closeable.close();
    }
    http.close();
    leaks.assertReleased();
    await("Paho's threads to end")
        .atMost(Leaks.DEADLINE)
        .untilAsserted(() -> assertThat(Leaks.threads("MQTT")).as("Paho's threads").isEmpty());
  }

  @Test
  void aBrokerThatIsNotThereAtStartIsConnectedOnceItAppears() throws Exception {
    PolluxServer server = startServer();

    await("GET /temp to answer 40 without a broker")
        .atMost(MqttProbe.DEADLINE)
        .until(() -> getIfOk(server, "/temp").equals("40\n"));
    assertThat(metric(server, "pollux_mqtt_connected")).isZero();

    broker.start();
    MqttProbe probe = probe();
    probe.waitFor(STATUS, "online");
    probe.waitFor(ZONE0_STATE, "40");
    try (MqttProbe late = MqttProbe.connect(broker.url())) {
      late.waitForRetained(STATUS, "online");
    }
  }

  @Test
  void homeAssistantComingOnlineGetsTheConfigsAgain() throws Exception {
    broker.start();
    startServer();
    MqttProbe probe = probe();
    probe.waitFor(DEVICE_CONFIG, "a config", m -> !m.payload().isEmpty());
    int before = configsOn(probe);

    probe.publish("homeassistant/status", "online");

    await("a second device config")
        .atMost(MqttProbe.DEADLINE)
        .until(() -> configsOn(probe) > before);
  }

  @Test
  void aCleanShutdownPublishesOfflineRetained() throws Exception {
    broker.start();
    PolluxServer server = startServer();
    MqttProbe probe = probe();
    probe.waitFor(STATUS, "online");

    toClose.remove(server);
    server.close();

    probe.waitFor(STATUS, "offline");
    try (MqttProbe late = MqttProbe.connect(broker.url())) {
      late.waitForRetained(STATUS, "offline");
    }
  }

  private static int configsOn(MqttProbe probe) {
    return (int) probe.messages().stream().filter(m -> m.topic().equals(DEVICE_CONFIG)).count();
  }

  private String get(PolluxServer server, String path) throws IOException, InterruptedException {
    URI uri = URI.create("http://127.0.0.1:" + server.httpAddress().orElseThrow().getPort() + path);
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("GET %s", path).isEqualTo(200);
    return response.body();
  }

  /** The body of a {@code 200}, else the status as text (the first sample may not be taken yet). */
  private String getIfOk(PolluxServer server, String path)
      throws IOException, InterruptedException {
    URI uri = URI.create("http://127.0.0.1:" + server.httpAddress().orElseThrow().getPort() + path);
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.ofString());
    return response.statusCode() == 200 ? response.body() : "status " + response.statusCode();
  }

  /** A sample's value in {@code /metrics}, e.g. {@code pollux_mqtt_connected}; -1 if absent. */
  private double metric(PolluxServer server, String name) throws IOException, InterruptedException {
    for (String line : get(server, "/metrics").split("\n", -1)) {
      if (line.startsWith(name + " ")) {
        return Double.parseDouble(line.substring(name.length() + 1).strip());
      }
    }
    return -1;
  }
}
