package dev.pollux.server.api;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.pollux.device.Actuator;
import dev.pollux.device.History;
import dev.pollux.device.Reading;
import dev.pollux.device.SensorKind;
import dev.pollux.device.Snapshot;
import dev.pollux.server.ServerInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON documents of the HTTP API (design.md, "HTTP API"), written by Jackson: a reading is
 * {@code {"id","kind","unit","label","value","at","status"}} plus {@code "error"} when its status
 * is {@code error} (or {@code stale}) and {@code "simulated": true} where simulated.
 */
final class JsonViews {

  /**
   * Writes null map values: a reading without a fresh value has {@code "value": null}, and the
   * contract lists {@code value} among a reading's fields (Jackson jr leaves nulls out by default).
   */
  private static final JSON JSON_WRITER = JSON.std.with(JSON.Feature.WRITE_NULL_PROPERTIES);

  private JsonViews() {}

  static String toJson(Object document) {
    try {
      return JSON_WRITER.asString(document);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write JSON of " + document.getClass(), e);
    }
  }

  /**
   * One reading. {@code value} is null and {@code at} the sample's time when there is no fresh
   * value: a stale or failed sensor is never shown as current.
   */
  static Map<String, Object> reading(Reading reading, long takenAtMillis) {
    Map<String, Object> json = new LinkedHashMap<>(12);
    json.put("id", reading.id());
    json.put("kind", reading.sensor().kind().wireName());
    json.put("unit", reading.sensor().unit().symbol());
    json.put("label", reading.sensor().label());
    json.put("value", reading.ok() ? value(reading) : null);
    json.put("at", reading.ok() ? reading.atMillis() : takenAtMillis);
    json.put("status", reading.status().wireName());
    if (!reading.ok()) {
      json.put("error", reading.reason() == null ? "no value" : reading.reason());
    }
    if (reading.simulated()) {
      json.put("simulated", true);
    }
    return json;
  }

  /** A boolean sensor's value is the integer {@code 0} or {@code 1}, not {@code 1.0}. */
  private static Object value(Reading reading) {
    if (reading.sensor().kind() == SensorKind.BOOLEAN) {
      return (int) reading.value();
    }
    return reading.value();
  }

  static Map<String, Object> sensors(Snapshot snapshot) {
    List<Object> readings = new ArrayList<>(snapshot.readings().size());
    for (Reading reading : snapshot.readings()) {
      readings.add(reading(reading, snapshot.takenAtMillis()));
    }
    return Map.of("sensors", readings);
  }

  static Map<String, Object> history(String id, String unit, History history) {
    List<Object> points = new ArrayList<>(history.size());
    for (int i = 0; i < history.size(); i++) {
      points.add(List.of(history.epochMillis(i), history.value(i)));
    }
    Map<String, Object> json = new LinkedHashMap<>(4);
    json.put("id", id);
    json.put("unit", unit);
    json.put("points", points);
    return json;
  }

  /**
   * One actuator: {@code {"id","kind","min","max","value","status"}}, plus {@code "error"} when its
   * state cannot be read (then {@code value} is null) and, for an LED with triggers, {@code
   * "trigger"} (the active one) and {@code "triggers"} (all it can take).
   */
  static Map<String, Object> actuator(Actuator actuator) {
    Map<String, Object> json = new LinkedHashMap<>(8);
    json.put("id", actuator.id());
    json.put("kind", actuator.kind());
    json.put("min", actuator.min());
    json.put("max", actuator.max());
    json.put("value", actuator.ok() ? actuator.value() : null);
    json.put("status", actuator.status());
    if (!actuator.ok()) {
      json.put("error", actuator.error());
    }
    if (actuator.trigger() != null || !actuator.triggers().isEmpty()) {
      json.put("trigger", actuator.trigger());
      json.put("triggers", actuator.triggers());
    }
    return json;
  }

  /** The contract's "JSON list": a bare array of actuators, not an object around one. */
  static List<Object> actuators(List<Actuator> actuators) {
    List<Object> list = new ArrayList<>(actuators.size());
    for (Actuator actuator : actuators) {
      list.add(actuator(actuator));
    }
    return list;
  }

  static Map<String, Object> device(ServerInfo info, Snapshot snapshot) {
    Map<String, Object> json = new LinkedHashMap<>(12);
    json.put("id", info.deviceId());
    json.put("hostName", info.hostName());
    json.put("version", info.version());
    json.put("uptime", info.uptime().toSeconds());
    json.put("io", info.ioModel());
    json.put("loops", info.loops());
    json.put("sensors", snapshot.readings().size());
    json.put("primary", snapshot.primary().sensorId());
    json.put("primaryReason", snapshot.primary().reason());
    return json;
  }
}
