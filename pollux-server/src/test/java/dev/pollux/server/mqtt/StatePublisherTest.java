package dev.pollux.server.mqtt;

import static dev.pollux.server.mqtt.Fixtures.LOAD1;
import static dev.pollux.server.mqtt.Fixtures.ZONE0;
import static dev.pollux.server.mqtt.Fixtures.led;
import static dev.pollux.server.mqtt.Fixtures.ok;
import static dev.pollux.server.mqtt.Fixtures.snapshot;
import static dev.pollux.server.mqtt.Fixtures.stale;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.pollux.device.Actuator;
import dev.pollux.server.cli.MqttDiscovery;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

class StatePublisherTest {

  private static final long INTERVAL = Duration.ofSeconds(10).toNanos();
  private static final String ZONE0_STATE = "pollux/pi/sensor/thermal_zone0/state";
  private static final String ZONE0_CONFIG = "homeassistant/sensor/pi/thermal_zone0/config";
  private static final String LOAD1_STATE = "pollux/pi/sensor/load1/state";

  private final List<Sent> sent = new ArrayList<>();
  private final Topics topics = new Topics("pollux", "pi");
  private static final String DEVICE_CONFIG = "homeassistant/device/pi/config";
  private static final String LED_CONFIG = "homeassistant/light/pi/led_act/config";

  private final StatePublisher publisher = publisher(MqttDiscovery.COMPONENT);

  private StatePublisher publisher(MqttDiscovery mode) {
    return new StatePublisher(
        topics,
        Fixtures.discovery(topics),
        mode,
        (topic, payload, qos, retained, onFailure) ->
            sent.add(
                new Sent(
                    topic, new String(payload, StandardCharsets.UTF_8), qos, retained, onFailure)),
        1,
        INTERVAL);
  }

  record Sent(String topic, String payload, int qos, boolean retained, Runnable onFailure) {}

  private List<String> topicsSent() {
    return sent.stream().map(Sent::topic).toList();
  }

  private Sent last(String topic) {
    return sent.stream().filter(s -> s.topic().equals(topic)).reduce((a, b) -> b).orElseThrow();
  }

  @Test
  void onConnectionAnnouncesEverySensorAndLedThenPublishesTheirStatesRetained() {
    publisher.connected(
        snapshot(ok(ZONE0, 48.3124), ok(LOAD1, 0.5)), List.of(led("led_act", 1)), 0);

    assertThat(topicsSent())
        .containsExactly(
            ZONE0_CONFIG,
            "homeassistant/sensor/pi/load1/config",
            LED_CONFIG,
            ZONE0_STATE,
            LOAD1_STATE,
            "pollux/pi/actuator/led_act/state");
    assertThat(last(ZONE0_STATE))
        .extracting(Sent::payload, Sent::retained, Sent::qos)
        .containsExactly("48.312", true, 1);
    assertThat(last("pollux/pi/actuator/led_act/state").payload()).isEqualTo("1");
    assertThat(sent).allMatch(Sent::retained);
  }

  @Test
  void anUnchangedValueWaitsForTheIntervalAChangedOneGoesAtOnce() {
    publisher.connected(snapshot(ok(ZONE0, 40)), List.of(), 0);
    sent.clear();

    publisher.snapshot(snapshot(ok(ZONE0, 40)), INTERVAL - 1);
    assertThat(sent).as("same value before the interval").isEmpty();

    publisher.snapshot(snapshot(ok(ZONE0, 41)), INTERVAL - 1);
    assertThat(topicsSent()).containsExactly(ZONE0_STATE);

    publisher.snapshot(snapshot(ok(ZONE0, 41)), 2 * INTERVAL - 1);
    assertThat(sent).as("same value, interval since the change").hasSize(2);
  }

  @Test
  void aStaleReadingIsNotPublished() {
    publisher.connected(snapshot(stale(ZONE0, 40), ok(LOAD1, 1)), List.of(), 0);

    assertThat(topicsSent()).doesNotContain(ZONE0_STATE).contains(ZONE0_CONFIG, LOAD1_STATE);
  }

  @Test
  void aVanishedSensorHasItsConfigAndStateRetracted() {
    publisher.connected(snapshot(ok(ZONE0, 40), ok(LOAD1, 1)), List.of(), 0);
    sent.clear();

    publisher.snapshot(snapshot(ok(LOAD1, 1)), 1);

    assertThat(sent)
        .extracting(Sent::topic, Sent::payload, Sent::retained)
        .containsExactlyInAnyOrder(
            Tuple.tuple(ZONE0_CONFIG, "", true), Tuple.tuple(ZONE0_STATE, "", true));
  }

  @Test
  void aNewSensorIsAnnouncedBeforeItsFirstState() {
    publisher.connected(snapshot(ok(LOAD1, 1)), List.of(), 0);
    sent.clear();

    publisher.snapshot(snapshot(ok(LOAD1, 1), ok(ZONE0, 40)), 1);

    assertThat(topicsSent()).containsExactly(ZONE0_CONFIG, ZONE0_STATE);
  }

  @Test
  void aFailedPublishIsRepeatedOnTheNextSnapshot() {
    publisher.connected(snapshot(ok(ZONE0, 40)), List.of(), 0);
    last(ZONE0_STATE).onFailure().run();
    sent.clear();

    publisher.snapshot(snapshot(ok(ZONE0, 40)), 1);

    assertThat(topicsSent()).containsExactly(ZONE0_STATE);
  }

  @Test
  void aReconnectionPublishesEveryStateAgainChangedOrNot() {
    publisher.connected(snapshot(ok(ZONE0, 40)), List.of(led("led_act", 0)), 0);
    sent.clear();

    publisher.connected(snapshot(ok(ZONE0, 40)), List.of(led("led_act", 0)), 1);

    assertThat(topicsSent())
        .contains(ZONE0_STATE, "pollux/pi/actuator/led_act/state", ZONE0_CONFIG);
  }

  @Test
  void rediscoveryRepublishesConfigsOnly() {
    publisher.connected(snapshot(ok(ZONE0, 40)), List.of(led("led_act", 0)), 0);
    sent.clear();

    publisher.rediscover(snapshot(ok(ZONE0, 40)), List.of(led("led_act", 0)));

    assertThat(topicsSent()).containsExactly(ZONE0_CONFIG, LED_CONFIG);
  }

  @Test
  void ledChangesArePublishedAndVanishedLedsRetracted() {
    publisher.connected(snapshot(ok(ZONE0, 40)), List.of(led("led_a", 0), led("led_b", 0)), 0);
    sent.clear();

    publisher.actuators(List.of(led("led_a", 7)), 1);

    assertThat(sent)
        .extracting(Sent::topic, Sent::payload)
        .containsExactlyInAnyOrder(
            Tuple.tuple("homeassistant/light/pi/led_b/config", ""),
            Tuple.tuple("pollux/pi/actuator/led_b/state", ""),
            Tuple.tuple("pollux/pi/actuator/led_a/state", "7"));
  }

  @Test
  void aWrittenLedIsPublishedEvenWhenUnchanged() {
    publisher.connected(snapshot(ok(ZONE0, 40)), List.of(led("led_a", 5)), 0);
    sent.clear();

    publisher.written(led("led_a", 5), 1);

    assertThat(topicsSent()).containsExactly("pollux/pi/actuator/led_a/state");
  }

  @Test
  void anLedThatCannotBeReadKeepsItsLastStateAndItsConfig() {
    publisher.connected(snapshot(ok(ZONE0, 40)), List.of(led("led_a", 5)), 0);
    sent.clear();
    Actuator unreadable =
        new Actuator(
            "led_a",
            "led",
            0,
            255,
            0,
            Path.of("/sys/class/leds/a/brightness"),
            "unparsable value",
            null,
            List.of());

    publisher.actuators(List.of(unreadable), INTERVAL * 2);

    assertThat(sent).as("no state 0 for an unreadable LED, no retraction").isEmpty();
  }

  @Test
  void inDeviceModeOneConfigHoldsEveryEntityAndIsRepublishedOnlyWhenTheyChange() throws Exception {
    StatePublisher device = publisher(MqttDiscovery.DEVICE);
    device.connected(snapshot(ok(ZONE0, 40), ok(LOAD1, 1)), List.of(led("led_act", 0)), 0);

    assertThat(topicsSent())
        .containsExactly(
            DEVICE_CONFIG, ZONE0_STATE, LOAD1_STATE, "pollux/pi/actuator/led_act/state");
    assertThat(cmps(last(DEVICE_CONFIG))).containsOnlyKeys("thermal_zone0", "load1", "led_act");

    sent.clear();
    device.snapshot(snapshot(ok(ZONE0, 41), ok(LOAD1, 1)), 1);
    assertThat(topicsSent()).as("same entities: no new config").containsExactly(ZONE0_STATE);

    sent.clear();
    device.snapshot(snapshot(ok(ZONE0, 41)), 2);
    assertThat(topicsSent()).containsExactly(DEVICE_CONFIG, LOAD1_STATE);
    assertThat(cmps(last(DEVICE_CONFIG))).containsOnlyKeys("thermal_zone0", "led_act");
    assertThat(last(LOAD1_STATE).payload()).as("retracted").isEmpty();
  }

  @Test
  void migrationFollowsHomeAssistantsOrder() throws Exception {
    StatePublisher device = publisher(MqttDiscovery.DEVICE);
    device.connected(snapshot(ok(ZONE0, 40)), List.of(), 0);
    sent.clear();

    assertThat(device.otherFormFound(ZONE0_CONFIG, "{\"name\":\"old\"}".getBytes(UTF_8))).isTrue();
    assertThat(device.otherFormFound(ZONE0_CONFIG, new byte[0])).as("a retraction").isFalse();
    assertThat(device.otherFormFound(ZONE0_CONFIG, DiscoveryConfigs.migration())).isFalse();
    device.migrate();

    // 1. migrate_discovery on the old topic, 2. the new config, 3. the old topic cleared.
    assertThat(sent)
        .extracting(Sent::topic, Sent::payload, Sent::retained)
        .containsExactly(
            Tuple.tuple(ZONE0_CONFIG, "{\"migrate_discovery\": true}", true),
            Tuple.tuple(DEVICE_CONFIG, last(DEVICE_CONFIG).payload(), true),
            Tuple.tuple(ZONE0_CONFIG, "", true));
    sent.clear();
    device.migrate();
    assertThat(sent).as("nothing pending any more").isEmpty();
  }

  @Test
  void anOldConfigOfAnotherPlatformIsRemovedNotHandedOver() {
    StatePublisher device = publisher(MqttDiscovery.DEVICE);
    device.connected(snapshot(ok(ZONE0, 40)), List.of(led("led_act", 0)), 0);
    sent.clear();

    device.otherFormFound(
        "homeassistant/number/pi/led_act/config", "{\"max\":255}".getBytes(UTF_8));
    device.migrate();

    assertThat(sent)
        .extracting(Sent::topic, Sent::payload)
        .containsExactly(
            Tuple.tuple(DEVICE_CONFIG, last(DEVICE_CONFIG).payload()),
            Tuple.tuple("homeassistant/number/pi/led_act/config", ""));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> cmps(Sent config) throws IOException {
    return (Map<String, Object>) JSON.std.mapFrom(config.payload()).get("cmps");
  }
}
