package dev.pollux.server.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TopicsTest {

  private final Topics topics = new Topics("pollux", "kitchen-pi");

  @Test
  void namesEveryTopicOfTheDevice() {
    assertThat(topics.status()).isEqualTo("pollux/kitchen-pi/status");
    assertThat(topics.sensorState("thermal_zone0"))
        .isEqualTo("pollux/kitchen-pi/sensor/thermal_zone0/state");
    assertThat(topics.actuatorState("led_act"))
        .isEqualTo("pollux/kitchen-pi/actuator/led_act/state");
    assertThat(topics.actuatorSet("led_act")).isEqualTo("pollux/kitchen-pi/actuator/led_act/set");
    assertThat(topics.actuatorSetFilter()).isEqualTo("pollux/kitchen-pi/actuator/+/set");
    assertThat(topics.discovery("sensor", "thermal_zone0"))
        .isEqualTo("homeassistant/sensor/kitchen-pi/thermal_zone0/config");
  }

  @Test
  void multiLevelPrefixGoesFirst() {
    assertThat(new Topics("site/a", "pi").status()).isEqualTo("site/a/pi/status");
  }

  @ParameterizedTest
  @CsvSource(
      nullValues = "null",
      value = {
        "pollux/kitchen-pi/actuator/led_act/set, led_act",
        "pollux/kitchen-pi/actuator//set, null",
        "pollux/kitchen-pi/actuator/a/b/set, null",
        "pollux/kitchen-pi/actuator/led_act/state, null",
        "pollux/other/actuator/led_act/set, null",
        "pollux/kitchen-pi/actuator/set, null",
      })
  void findsTheActuatorOfACommandTopic(String topic, String expected) {
    assertThat(topics.actuatorOfSet(topic)).as("actuatorOfSet(%s)", topic).isEqualTo(expected);
  }
}
