package dev.pollux.server.mqtt;

import dev.pollux.device.Actuator;
import dev.pollux.device.Reading;
import dev.pollux.device.Sensor;
import dev.pollux.device.Snapshot;
import dev.pollux.server.Values;
import dev.pollux.server.cli.MqttDiscovery;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns snapshots and actuator lists into MQTT messages: a retained state per fresh sensor on
 * change or at least every interval, a retained state per actuator, and the Home Assistant
 * discovery configs ({@link DiscoveryConfigs}): one device config, or one config per entity,
 * republished when the set of entities changes; a per-entity config or state that disappears is
 * retracted (an empty retained message).
 *
 * <p>A reading that is not fresh ({@code error} or {@code stale}) is skipped, not published: its
 * retained state keeps its last good value, and Home Assistant marks the entity unavailable once
 * {@code expire_after} passes without a new state. Memory is one entry per sensor and actuator,
 * whatever the broker does. Not thread-safe: the bridge's thread owns it.
 *
 * <p>Migration between the two discovery forms follows Home Assistant's documented order: {@code
 * {"migrate_discovery": true}} on each retained config of the other form found on the broker, then
 * this form's configs, then an empty retained message on the other form's topics. An old
 * per-component config whose entity has changed platform is only removed.
 */
final class StatePublisher {

  private static final byte[] RETRACT = new byte[0];

  /** Discovery configs go at QoS 1 whatever {@code --mqtt-qos} says: Home Assistant needs them. */
  private static final int CONFIG_QOS = 1;

  private final Topics topics;
  private final DiscoveryConfigs discovery;
  private final MqttDiscovery mode;
  private final Sink sink;
  private final int qos;
  private final PublishedStates sensorStates;
  private final PublishedStates actuatorStates;

  /** The sensors and actuators of the last snapshot and actuator list, in order. */
  private final Map<String, Sensor> sensors = new LinkedHashMap<>();

  private List<Actuator> actuators = List.of();

  /** Their ids whose states were published (for retraction when they go). */
  private final Set<String> knownSensors = new HashSet<>();

  private final Set<String> knownActuators = new HashSet<>();

  /** Discovery payloads last published, by topic; an entry leaves when its publish fails. */
  private final Map<String, byte[]> publishedConfigs = new HashMap<>();

  /** The entities' shape at the last announcement (null: announce at the next chance). */
  private List<Object> announcedShape;

  /** Retained configs of the other discovery form seen on the broker, waiting for migration. */
  private final Set<String> otherForm = new LinkedHashSet<>();

  StatePublisher(
      Topics topics,
      DiscoveryConfigs discovery,
      MqttDiscovery mode,
      Sink sink,
      int qos,
      long intervalNanos) {
    this.topics = topics;
    this.discovery = discovery;
    this.mode = mode;
    this.sink = sink;
    this.qos = qos;
    this.sensorStates = new PublishedStates(intervalNanos);
    this.actuatorStates = new PublishedStates(intervalNanos);
  }

  /**
   * After a (re)connection: every discovery config again and every state, changed or not, since a
   * restarted broker may have lost its retained messages.
   */
  void connected(Snapshot snapshot, List<Actuator> actuatorList, long nowNanos) {
    sensorStates.clear();
    actuatorStates.clear();
    rediscover(snapshot, actuatorList);
    snapshot(snapshot, nowNanos);
    actuators(actuatorList, nowNanos);
  }

  /** Every discovery config again, e.g. when Home Assistant announces it has (re)started. */
  void rediscover(Snapshot snapshot, List<Actuator> actuatorList) {
    publishedConfigs.clear();
    announcedShape = null;
    takeSensors(snapshot);
    this.actuators = List.copyOf(actuatorList);
    announce();
  }

  /** A new snapshot: discovery updated if sensors came or went, due states published. */
  void snapshot(Snapshot snapshot, long nowNanos) {
    takeSensors(snapshot);
    announce();
    retractGone(knownSensors, sensors.keySet(), sensorStates, false);
    for (Reading reading : snapshot.readings()) {
      if (!reading.ok()) {
        continue;
      }
      String id = reading.id();
      knownSensors.add(id);
      String text = Values.format(reading.value());
      if (sensorStates.due(id, text, nowNanos)) {
        sensorStates.sent(id, text, nowNanos);
        sink.publish(topics.sensorState(id), bytes(text), qos, true, () -> sensorStates.forget(id));
      }
    }
  }

  /** The actuators as read now: discovery updated if they changed, due states published. */
  void actuators(List<Actuator> actuatorList, long nowNanos) {
    this.actuators = List.copyOf(actuatorList);
    announce();
    Set<String> current = new HashSet<>();
    for (Actuator actuator : actuatorList) {
      current.add(actuator.id());
    }
    retractGone(knownActuators, current, actuatorStates, true);
    for (Actuator actuator : actuatorList) {
      knownActuators.add(actuator.id());
      actuatorState(actuator, nowNanos);
    }
  }

  /** An actuator was just written: its state now, changed or not. */
  void written(Actuator actuator, long nowNanos) {
    actuatorStates.forget(actuator.id());
    actuatorState(actuator, nowNanos);
  }

  /**
   * A retained discovery config of the other form ({@code topic}, with {@code payload}) exists on
   * the broker, e.g. a per-component config of an older Pollux while this one publishes the device
   * config; {@link #migrate()} hands it over. Our own migration and retraction messages come back
   * here too and are ignored.
   *
   * @return whether a migration is now pending
   */
  boolean otherFormFound(String topic, byte[] payload) {
    String text = new String(payload, StandardCharsets.UTF_8);
    if (payload.length == 0 || text.contains("migrate_discovery")) {
      return false;
    }
    return otherForm.add(topic);
  }

  /** Hands every pending other-form config over to this form, in Home Assistant's order. */
  void migrate() {
    if (otherForm.isEmpty()) {
      return;
    }
    Set<String> handedOver = new HashSet<>();
    for (Entities.Component component : components()) {
      handedOver.add(discovery.componentTopic(component));
    }
    for (String topic : otherForm) {
      // A per-component config whose entity lives on (same platform, same id) is handed over;
      // one that does not (an LED that was a number is now a light) is only removed, so that
      // Home Assistant deletes its entity instead of keeping it for a migration that never comes.
      if (mode == MqttDiscovery.COMPONENT || handedOver.contains(topic)) {
        sink.publish(topic, DiscoveryConfigs.migration(), CONFIG_QOS, true, () -> {});
      }
    }
    publishedConfigs.clear();
    announcedShape = null;
    announce();
    for (String topic : otherForm) {
      sink.publish(topic, RETRACT, CONFIG_QOS, true, () -> {});
    }
    otherForm.clear();
  }

  private void takeSensors(Snapshot snapshot) {
    sensors.clear();
    for (Reading reading : snapshot.readings()) {
      sensors.put(reading.id(), reading.sensor());
    }
  }

  /** Publishes the discovery configs that changed since the last time, retracts those gone. */
  private void announce() {
    List<Object> shape = new ArrayList<>(List.copyOf(sensors.values()));
    for (Actuator actuator : actuators) {
      // The value changes all the time; the entity does not.
      shape.add(List.of(actuator.id(), actuator.kind(), actuator.min(), actuator.max()));
    }
    if (shape.equals(announcedShape)) {
      return;
    }
    announcedShape = shape;
    Map<String, byte[]> desired = desiredConfigs();
    for (Map.Entry<String, byte[]> config : desired.entrySet()) {
      String topic = config.getKey();
      if (!Arrays.equals(publishedConfigs.get(topic), config.getValue())) {
        publishedConfigs.put(topic, config.getValue());
        sink.publish(
            topic,
            config.getValue(),
            CONFIG_QOS,
            true,
            () -> {
              publishedConfigs.remove(topic);
              announcedShape = null; // try again at the next snapshot
            });
      }
    }
    for (String gone : new ArrayList<>(publishedConfigs.keySet())) {
      if (!desired.containsKey(gone)) {
        publishedConfigs.remove(gone);
        sink.publish(gone, RETRACT, CONFIG_QOS, true, () -> {});
      }
    }
  }

  private Map<String, byte[]> desiredConfigs() {
    List<Entities.Component> components = components();
    Map<String, byte[]> desired = new LinkedHashMap<>();
    if (mode == MqttDiscovery.DEVICE) {
      if (!components.isEmpty()) {
        desired.put(discovery.deviceTopic(), discovery.deviceConfig(components));
      }
    } else {
      for (Entities.Component component : components) {
        desired.put(discovery.componentTopic(component), discovery.componentConfig(component));
      }
    }
    return desired;
  }

  /** Every entity now, each with an object id of its own. */
  private List<Entities.Component> components() {
    List<Entities.Component> components = new ArrayList<>();
    Set<String> objectIds = new HashSet<>();
    for (Sensor sensor : sensors.values()) {
      Entities.Component component = discovery.sensor(sensor);
      objectIds.add(component.objectId());
      components.add(component);
    }
    for (Actuator actuator : actuators) {
      Entities.Component component = discovery.actuator(actuator);
      if (objectIds.add(component.objectId())) {
        components.add(component);
      } else {
        // A fan's pwm1 may be a sensor and an actuator: one cmps key each.
        String id = component.objectId() + "_control";
        objectIds.add(id);
        components.add(new Entities.Component(component.platform(), id, component.config()));
      }
    }
    return components;
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

  /** Retracts the retained states of what was known and is no longer current. */
  private void retractGone(
      Set<String> known, Set<String> current, PublishedStates states, boolean actuator) {
    Set<String> gone = new HashSet<>(known);
    gone.removeAll(current);
    for (String id : gone) {
      known.remove(id);
      states.forget(id);
      String topic = actuator ? topics.actuatorState(id) : topics.sensorState(id);
      sink.publish(topic, RETRACT, CONFIG_QOS, true, () -> {});
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
