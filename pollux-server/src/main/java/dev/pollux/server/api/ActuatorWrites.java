package dev.pollux.server.api;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.pollux.device.Device;
import dev.pollux.device.WriteResult;
import dev.pollux.http.HttpStatus;
import dev.pollux.http.Request;
import dev.pollux.http.Response;
import dev.pollux.server.Auth;
import dev.pollux.server.AuthThrottle;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * {@code PUT /api/v1/actuators/{id}} with {@code {"value": n}} (or, for an LED, {@code {"trigger":
 * "heartbeat"}}) and {@code Authorization: Bearer <token>}: 200 with the new state; 403 when no
 * token is configured (whatever was sent: nothing could do), 401 without credentials, 403 with
 * wrong ones, 429 with {@code Retry-After} while the client's address is throttled for failing too
 * often ({@link AuthThrottle}), 400 for a bad body, 404 for an unknown actuator, 422 out of range
 * or for a trigger the LED does not list. Credentials are checked before anything else, so that
 * nobody without them learns which actuators exist; the throttle before the credentials, so that a
 * throttled address learns nothing from its guesses.
 */
final class ActuatorWrites {

  private static final String BEARER = "Bearer ";

  private final Device device;
  private final Auth auth;
  private final Executor blocking;

  ActuatorWrites(Device device, Auth auth, Executor blocking) {
    this.device = device;
    this.auth = auth;
    this.blocking = blocking;
  }

  /** On the loop: checks what needs no I/O, then writes the file on {@link #blocking}. */
  void handle(Request request, Response response) {
    long retryAfter =
        auth.retryAfterSeconds(request.remoteAddress().getAddress(), AuthThrottle.Protocol.HTTP);
    if (retryAfter > 0) {
      throttled(response, retryAfter);
      return;
    }
    // Without a configured token no credentials can do: 403 before the 401 that would ask for them.
    if (!auth.enabled()) {
      response.problem(
          HttpStatus.FORBIDDEN, "writes are disabled: the server has no token configured");
      return;
    }
    String authorization = request.header("Authorization");
    if (authorization == null || authorization.isBlank()) {
      response.header("WWW-Authenticate", "Bearer realm=\"pollux\"");
      response.problem(
          HttpStatus.UNAUTHORIZED, "writes need an Authorization: Bearer <token> header");
      return;
    }
    switch (check(authorization, request)) {
      case Auth.Attempt.Accepted accepted -> {}
      case Auth.Attempt.Rejected rejected -> {
        response.problem(HttpStatus.FORBIDDEN, "the token is not valid");
        return;
      }
      case Auth.Attempt.Throttled throttled -> {
        throttled(response, throttled.retryAfterSeconds());
        return;
      }
    }
    String body = request.bodyText();
    String id = request.pathParam("id");
    String trigger = parseTrigger(body);
    if (trigger != null) {
      blocking.execute(() -> respond(device.setTrigger(id, trigger), response));
      return;
    }
    Integer value = parseValue(body);
    if (value == null) {
      response.problem(
          HttpStatus.BAD_REQUEST,
          "expected a JSON body {\"value\": <integer>} or {\"trigger\": \"<name>\"}");
      return;
    }
    blocking.execute(() -> respond(device.write(id, value), response));
  }

  /** RFC 6585 §4: 429, with the seconds until the address's window ends (RFC 9110 §10.2.3). */
  private static void throttled(Response response, long retryAfterSeconds) {
    response.header("Retry-After", Long.toString(retryAfterSeconds));
    response.problem(
        HttpStatus.TOO_MANY_REQUESTS,
        "too many failed attempts from this address: try again later");
  }

  /** The bearer token's verdict; another scheme counts as a wrong token. */
  private Auth.Attempt check(String authorization, Request request) {
    String candidate =
        authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
            ? authorization.substring(BEARER.length()).strip()
            : "";
    return auth.attempt(
        candidate, request.remoteAddress().getAddress(), AuthThrottle.Protocol.HTTP);
  }

  private static void respond(WriteResult result, Response response) {
    switch (result) {
      case WriteResult.Written written ->
          response
              .contentType("application/json")
              .send(JsonViews.toJson(JsonViews.actuator(written.actuator())));
      case WriteResult.Unknown unknown ->
          response.problem(HttpStatus.NOT_FOUND, "no such actuator");
      case WriteResult.OutOfRange range ->
          response.problem(
              HttpStatus.UNPROCESSABLE_CONTENT,
              "value out of range: expected "
                  + range.actuator().min()
                  + " to "
                  + range.actuator().max());
      case WriteResult.Unsupported unsupported ->
          response.problem(HttpStatus.UNPROCESSABLE_CONTENT, unsupported.reason());
      case WriteResult.Denied denied ->
          response.problem(HttpStatus.FORBIDDEN, "the server may not write this actuator");
      case WriteResult.Failed failed ->
          response.problem(HttpStatus.INTERNAL_SERVER_ERROR, "the actuator could not be written");
    }
  }

  /** The name of {@code {"trigger": "name"}}, or null when the body is anything else. */
  static String parseTrigger(String body) {
    Map<String, Object> json = parseObject(body);
    if (json == null || json.size() != 1 || !(json.get("trigger") instanceof String name)) {
      return null;
    }
    return name.isEmpty() ? null : name;
  }

  private static Map<String, Object> parseObject(String body) {
    try {
      return JSON.std.mapFrom(body);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** The integer of {@code {"value": n}}, or null when the body is anything else. */
  static Integer parseValue(String body) {
    Map<String, Object> json;
    try {
      json = JSON.std.mapFrom(body);
    } catch (IOException | RuntimeException e) {
      return null;
    }
    if (json == null || json.size() != 1 || !(json.get("value") instanceof Number number)) {
      return null;
    }
    if (number instanceof Double || number instanceof Float) {
      double d = number.doubleValue();
      return d == Math.rint(d) && Math.abs(d) < Integer.MAX_VALUE ? (int) d : null;
    }
    long whole = number.longValue();
    return whole >= Integer.MIN_VALUE && whole <= Integer.MAX_VALUE ? (int) whole : null;
  }
}
