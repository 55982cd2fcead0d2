package dev.pollux.server.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * A test's own MQTT client: subscribes to everything ({@code #}) and keeps what arrives, with the
 * retained flag (which a broker sets only on messages it stored before the subscription), and
 * publishes commands.
 */
final class MqttProbe implements AutoCloseable {

  static final Duration DEADLINE = Duration.ofSeconds(20);
  private static final AtomicLong IDS = new AtomicLong();

  /** One message as it arrived. */
  record Message(String topic, String payload, boolean retained) {
    Map<String, Object> json() throws IOException {
      return JSON.std.mapFrom(payload);
    }
  }

  private final MqttClient client;
  private final ConcurrentLinkedQueue<Message> received = new ConcurrentLinkedQueue<>();

  private MqttProbe(MqttClient client) {
    this.client = client;
  }

  /** Connects to {@code url} and subscribes to {@code #}. */
  static MqttProbe connect(String url) throws MqttException {
    MqttClient client =
        new MqttClient(url, "probe-" + IDS.incrementAndGet(), new MemoryPersistence());
    MqttProbe probe = new MqttProbe(client);
    client.setCallback(
        new MqttCallback() {
          @Override
          public void connectionLost(Throwable cause) {}

          @Override
          public void messageArrived(String topic, MqttMessage message) {
            probe.received.add(
                new Message(
                    topic,
                    new String(message.getPayload(), StandardCharsets.UTF_8),
                    message.isRetained()));
          }

          @Override
          public void deliveryComplete(IMqttDeliveryToken token) {}
        });
    MqttConnectOptions options = new MqttConnectOptions();
    options.setCleanSession(true);
    options.setConnectionTimeout(10);
    client.connect(options);
    client.subscribe("#", 1);
    return probe;
  }

  /** Publishes {@code payload} (not retained) at QoS 1. */
  void publish(String topic, String payload) throws MqttException {
    client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, false);
  }

  /**
   * Publishes {@code payload} retained at QoS 1; an empty one clears the topic's retained message.
   */
  void publishRetained(String topic, String payload) throws MqttException {
    client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, true);
  }

  /** Everything received so far, in order. */
  List<Message> messages() {
    return List.copyOf(received);
  }

  /** The last message on {@code topic}, if any. */
  Optional<Message> last(String topic) {
    return messages().stream().filter(m -> m.topic().equals(topic)).reduce((a, b) -> b);
  }

  /** Waits until a message on {@code topic} matches {@code what}, and returns the last such. */
  Message waitFor(String topic, String what, Predicate<Message> matches) {
    List<Message> found = new ArrayList<>();
    await("a message on " + topic + " with " + what)
        .atMost(DEADLINE)
        .untilAsserted(
            () -> {
              found.clear();
              for (Message m : messages()) {
                if (m.topic().equals(topic) && matches.test(m)) {
                  found.add(m);
                }
              }
              assertThat(found)
                  .as("messages on %s with %s; all on that topic: %s", topic, what, onTopic(topic))
                  .isNotEmpty();
            });
    return found.getLast();
  }

  /** Waits for {@code payload} on {@code topic}. */
  Message waitFor(String topic, String payload) {
    return waitFor(topic, "payload '" + payload + "'", m -> m.payload().equals(payload));
  }

  /** Waits for a retained {@code payload} on {@code topic}, as a new subscriber gets it. */
  Message waitForRetained(String topic, String payload) {
    return waitFor(
        topic,
        "retained payload '" + payload + "'",
        m -> m.retained() && m.payload().equals(payload));
  }

  private List<Message> onTopic(String topic) {
    return messages().stream().filter(m -> m.topic().equals(topic)).toList();
  }

  @Override
  public void close() throws MqttException {
    if (client.isConnected()) {
      client.disconnect();
    }
    client.close();
  }
}
