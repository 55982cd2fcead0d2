package dev.pollux.server.mqtt;

import dev.pollux.device.Actuator;
import dev.pollux.device.Device;
import dev.pollux.device.WriteResult;
import dev.pollux.server.Auth;
import dev.pollux.server.logging.PrintableSample;
import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Actuator commands from {@code <prefix>/<device>/actuator/<id>/set}, e.g. payload {@code 128} or
 * {@code {"value": 128}}, or for an LED {@code {"trigger": "heartbeat"}}, checked as the HTTP API
 * checks {@code PUT /api/v1/actuators/{id}}: the device decides unknown ids and ranges ({@link
 * Device#write}). A command that is not applied is logged (one line, with a fixed reason; the
 * server's log flood guard bounds them) and counted; an empty payload, what clearing a retained
 * message on the topic delivers, is ignored silently.
 *
 * <p>MQTT commands carry no Pollux token: the broker's ACLs guard the topic. But a server without a
 * token refuses writes on every path, so without one every command is rejected here too.
 */
final class Commands {

  private static final System.Logger LOG = System.getLogger(Commands.class.getName());

  /** Topics in log lines are cut to this many characters. */
  private static final int MAX_LOGGED_TOPIC = 120;

  private final Device device;
  private final Auth auth;
  private final Topics topics;
  private final AtomicLong rejected = new AtomicLong();

  Commands(Device device, Auth auth, Topics topics) {
    this.device = device;
    this.auth = auth;
    this.topics = topics;
  }

  /**
   * Applies one command; blocking file I/O, so on the bridge's thread only.
   *
   * @return the actuator as written, or null when the command was rejected (logged and counted) or
   *     ignored (an empty payload)
   */
  Actuator handle(String topic, byte[] payload, boolean retained) {
    String id = topics.actuatorOfSet(topic);
    if (id == null) {
      return reject(topic, "not a command topic");
    }
    if (payload.length == 0) {
      // Clearing a retained message is publishing an empty retained one, which the broker also
      // delivers to us: that is housekeeping, not a command (nor a malformed one).
      LOG.log(Level.DEBUG, "mqtt: empty payload on {0} ignored", clean(topic));
      return null;
    }
    if (!auth.enabled()) {
      return reject(topic, "writes are disabled: the server has no token configured");
    }
    if (retained) {
      // A retained command would be applied again on every reconnection, long after it was sent.
      return reject(topic, "retained commands are not applied");
    }
    String trigger = CommandPayload.trigger(payload);
    Integer value = trigger == null ? CommandPayload.parse(payload) : null;
    if (trigger == null && value == null) {
      return reject(
          topic,
          "malformed payload: expected an integer, {\"value\": <integer>}"
              + " or {\"trigger\": \"<name>\"}");
    }
    WriteResult result = trigger != null ? device.setTrigger(id, trigger) : device.write(id, value);
    return switch (result) {
      case WriteResult.Written written -> {
        Object state = trigger != null ? "trigger " + clean(trigger) : written.actuator().value();
        LOG.log(Level.INFO, "mqtt: {0} set to {1}", clean(id), String.valueOf(state));
        yield written.actuator();
      }
      case WriteResult.Unknown unknown -> reject(topic, "no such actuator");
      case WriteResult.OutOfRange range ->
          reject(
              topic,
              "value out of range: expected "
                  + range.actuator().min()
                  + " to "
                  + range.actuator().max());
      case WriteResult.Unsupported unsupported -> reject(topic, unsupported.reason());
      case WriteResult.Denied denied -> reject(topic, "the server may not write this actuator");
      case WriteResult.Failed failed -> reject(topic, "the actuator could not be written");
    };
  }

  /**
   * Counts and logs a command that is not applied; any thread. Returns null for {@link #handle}.
   */
  Actuator reject(String topic, String reason) {
    rejected.incrementAndGet();
    LOG.log(Level.WARNING, "mqtt: command on {0} rejected: {1}", clean(topic), reason);
    return null;
  }

  /** Commands rejected since start. */
  long rejected() {
    return rejected.get();
  }

  /**
   * The topic as a short printable sample: it comes from whoever may publish to the broker, so it
   * is escaped as the TCP protocol escapes a peer's words (controls, bidi overrides, separators).
   */
  static String clean(String topic) {
    return PrintableSample.of(topic, MAX_LOGGED_TOPIC);
  }
}
