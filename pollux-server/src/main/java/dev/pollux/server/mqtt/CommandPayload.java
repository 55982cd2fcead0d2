package dev.pollux.server.mqtt;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.pollux.server.Values;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The value of an actuator command: a bare integer like {@code 128} (what Home Assistant's {@code
 * number} entity sends) or the HTTP API's JSON body {@code {"value": 128}}; for an LED also {@code
 * {"trigger": "heartbeat"}}.
 */
final class CommandPayload {

  /** Longer payloads are not read at all: no valid command comes close. */
  static final int MAX_BYTES = 256;

  private CommandPayload() {}

  /** The integer of {@code payload}, or null when it is anything else. */
  static Integer parse(byte[] payload) {
    if (payload.length == 0 || payload.length > MAX_BYTES) {
      return null;
    }
    String text = new String(payload, StandardCharsets.UTF_8).strip();
    if (text.startsWith("{")) {
      return parseJson(text);
    }
    return parseInteger(text);
  }

  /** {@link Values#parseInteger}: an optional sign and ASCII digits within {@code int}. */
  static Integer parseInteger(String text) {
    return Values.parseInteger(text);
  }

  /** The trigger name of {@code {"trigger": "heartbeat"}}, or null when it is anything else. */
  static String trigger(byte[] payload) {
    if (payload.length == 0 || payload.length > MAX_BYTES) {
      return null;
    }
    String text = new String(payload, StandardCharsets.UTF_8).strip();
    if (!text.startsWith("{")) {
      return null;
    }
    Map<String, Object> json;
    try {
      json = JSON.std.mapFrom(text);
    } catch (IOException | RuntimeException e) {
      return null;
    }
    if (json == null || json.size() != 1 || !(json.get("trigger") instanceof String name)) {
      return null;
    }
    return name.isEmpty() ? null : name;
  }

  private static Integer parseJson(String text) {
    Map<String, Object> json;
    try {
      json = JSON.std.mapFrom(text);
    } catch (IOException | RuntimeException e) {
      return null;
    }
    if (json == null || json.size() != 1 || !(json.get("value") instanceof Number number)) {
      return null;
    }
    return switch (number) {
      case Integer i -> i;
      case Long l -> l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE ? (int) (long) l : null;
      case Double d ->
          d == Math.rint(d) && Math.abs(d) < Integer.MAX_VALUE ? (int) (double) d : null;
      default -> null; // BigInteger, BigDecimal: far out of any actuator's range
    };
  }
}
