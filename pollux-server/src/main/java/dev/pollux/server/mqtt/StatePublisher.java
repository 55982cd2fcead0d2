package dev.pollux.server.mqtt;

import dev.pollux.device.Actuator;
import dev.pollux.device.Reading;
import dev.pollux.device.Sensor;
import dev.pollux.device.Snapshot;
import dev.pollux.server.Values;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns snapshots and actuator lists into MQTT messages: a retained state per fresh sensor on
 * change or at least every interval, a retained state per LED, and a Home Assistant discovery
 * config per sensor and LED, retracted (an empty retained message) when it disappears.
 *
 * <p>A reading that is not fresh ({@code error} or {@code stale}) is skipped, not published: its
 * retained state keeps its last good value, and Home Assistant marks the entity unavailable once
 * {@code expire_after} passes without a new state. Memory is one entry per sensor and LED, whatever
 * the broker does. Not thread-safe: the bridge's thread owns it.
 */
final class StatePublisher {

  private static final byte[] RETRACT = new byte[0];

  /** Discovery configs go at QoS 1 whatever {@code --mqtt-qos} says: Home Assistant needs them. */
  private static final int CONFIG_QOS = 1;

  private final Topics topics;
  private final Discovery discovery;
  private final Sink sink;
  private final int qos;
  private final PublishedStates sensorStates;
  private final PublishedStates actuatorStates;
  private final Set<String> announcedSensors = new HashSet<>();
  private final Set<String> announcedActuators = new HashSet<>();

  StatePublisher(Topics topics, Discovery discovery, Sink sink, int qos, long intervalNanos) {
    this.topics = topics;
    this.discovery = discovery;
    this.sink = sink;
    this.qos = qos;
    this.sensorStates = new PublishedStates(intervalNanos);
    this.actuatorStates = new PublishedStates(intervalNanos);
  }

  /**
   * After a (re)connection: every discovery config again and every state, changed or not, since a
   * restarted broker may have lost its retained messages.
   */
  void connected(Snapshot snapshot, List<Actuator> actuators, long nowNanos) {
    sensorStates.clear();
    actuatorStates.clear();
    rediscover(snapshot, actuators);
    snapshot(snapshot, nowNanos);
    actuators(actuators, nowNanos);
  }

  /** Every discovery config again, e.g. when Home Assistant announces it has (re)started. */
  void rediscover(Snapshot snapshot, List<Actuator> actuators) {
    announcedSensors.clear();
    announcedActuators.clear();
    announceSensors(snapshot);
    announceActuators(actuators);
  }

  /** A new snapshot: new sensors announced, vanished ones retracted, due states published. */
  void snapshot(Snapshot snapshot, long nowNanos) {
    announceSensors(snapshot);
    for (Reading reading : snapshot.readings()) {
      if (!reading.ok()) {
        continue;
      }
      String id = reading.id();
      String text = Values.format(reading.value());
      if (sensorStates.due(id, text, nowNanos)) {
        sensorStates.sent(id, text, nowNanos);
        sink.publish(topics.sensorState(id), bytes(text), qos, true, () -> sensorStates.forget(id));
      }
    }
  }

  /** The LEDs as read now: new ones announced, vanished ones retracted, due states published. */
  void actuators(List<Actuator> actuators, long nowNanos) {
    announceActuators(actuators);
    for (Actuator actuator : actuators) {
      actuatorState(actuator, nowNanos);
    }
  }

  /** An LED was just written: its state now, changed or not. */
  void written(Actuator actuator, long nowNanos) {
    actuatorStates.forget(actuator.id());
    actuatorState(actuator, nowNanos);
  }

  private void actuatorState(Actuator actuator, long nowNanos) {
    if (!actuator.ok()) {
      return; // its state could not be read: the last published one stays, as for a sensor
    }
    String id = actuator.id();
    String text = Integer.toString(actuator.value());
    if (actuatorStates.due(id, text, nowNanos)) {
      actuatorStates.sent(id, text, nowNanos);
      sink.publish(
          topics.actuatorState(id), bytes(text), qos, true, () -> actuatorStates.forget(id));
    }
  }

  private void announceSensors(Snapshot snapshot) {
    Map<String, Sensor> current = new LinkedHashMap<>();
    for (Reading reading : snapshot.readings()) {
      current.put(reading.id(), reading.sensor());
    }
    for (Sensor sensor : current.values()) {
      if (announcedSensors.add(sensor.id())) {
        String id = sensor.id();
        sink.publish(
            topics.discovery("sensor", id),
            discovery.sensor(sensor),
            CONFIG_QOS,
            true,
            () -> announcedSensors.remove(id));
      }
    }
    for (String gone : retainOnly(announcedSensors, current.keySet())) {
      sensorStates.forget(gone);
      sink.publish(topics.discovery("sensor", gone), RETRACT, CONFIG_QOS, true, () -> {});
      sink.publish(topics.sensorState(gone), RETRACT, CONFIG_QOS, true, () -> {});
    }
  }

  private void announceActuators(List<Actuator> actuators) {
    Set<String> current = new HashSet<>();
    for (Actuator actuator : actuators) {
      String id = actuator.id();
      current.add(id);
      if (announcedActuators.add(id)) {
        sink.publish(
            topics.discovery("number", id),
            discovery.actuator(actuator),
            CONFIG_QOS,
            true,
            () -> announcedActuators.remove(id));
      }
    }
    for (String gone : retainOnly(announcedActuators, current)) {
      actuatorStates.forget(gone);
      sink.publish(topics.discovery("number", gone), RETRACT, CONFIG_QOS, true, () -> {});
      sink.publish(topics.actuatorState(gone), RETRACT, CONFIG_QOS, true, () -> {});
    }
  }

  /** Removes from {@code announced} what is not in {@code current}; returns what was removed. */
  private static Set<String> retainOnly(Set<String> announced, Set<String> current) {
    Set<String> gone = new HashSet<>(announced);
    gone.removeAll(current);
    announced.removeAll(gone);
    return gone;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
