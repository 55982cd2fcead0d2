package dev.pollux.server.tcp;

import dev.pollux.device.Reading;
import dev.pollux.device.Snapshot;
import dev.pollux.device.Unit;
import dev.pollux.server.ServerInfo;
import dev.pollux.server.Values;
import java.time.Instant;

/** The text of the TCP protocol's replies, e.g. {@code thermal_zone0 48.312 °C}. */
final class Replies {

  static final String OK = "OK";
  static final String END = ".";
  static final String UNKNOWN_SENSOR = "ERR unknown sensor";

  static final String HELP =
      """
      temp                     the primary temperature in °C (an empty line too)
      list                     every sensor as <id> <value> <unit>, then a line .
      get <id>                 one sensor as <value> <unit>
      watch <id>|all [D]       a line <time> <id> <value> per sample, every D (10ms to 1d), until stop
      stop                     ends a watch
      info                     id, version, uptime, io model, primary, simulated
      auth <token>             unlocks set
      set <actuator> <value>   sets an actuator (an LED's brightness, a fan's duty)
      set <led> trigger <name> gives an LED back to a kernel trigger (heartbeat, mmc0...)
      help                     this list
      quit                     closes the connection
      .
      """;

  private Replies() {}

  /**
   * {@code pollux 0.1.0 on raspberrypi (type help for the commands)}; {@code ... on ci (simulated)
   * (type help ...)} when the primary temperature is the simulated fallback.
   */
  static String banner(ServerInfo info, Snapshot snapshot) {
    return "pollux "
        + info.version()
        + " on "
        + info.deviceId()
        + (primaryIsSimulated(snapshot) ? " (simulated)" : "")
        + " (type help for the commands)";
  }

  private static boolean primaryIsSimulated(Snapshot snapshot) {
    Reading primary = snapshot.primaryTemperature();
    return primary != null && primary.simulated();
  }

  /** {@code 48.312}, or an {@code ERR} line when the primary temperature has no fresh value. */
  static String temperature(Snapshot snapshot) {
    Reading primary = snapshot.primaryTemperature();
    if (primary == null) {
      return "ERR no temperature sensor";
    }
    return primary.ok() ? Values.format(primary.value()) : notOk(primary);
  }

  /** {@code <value> <unit>} of {@code get}, or an {@code ERR} line. */
  static String value(Reading reading) {
    return reading.ok()
        ? withUnit(Values.format(reading.value()), reading.sensor().unit())
        : notOk(reading);
  }

  /**
   * One line of {@code list}: {@code <id> <value> <unit>}; the value is {@code nan} when not ok.
   */
  static void appendListLine(StringBuilder out, Reading reading) {
    String value = reading.ok() ? Values.format(reading.value()) : "nan";
    out.append(reading.id())
        .append(' ')
        .append(withUnit(value, reading.sensor().unit()))
        .append('\n');
  }

  /** One line of {@code watch}: {@code <ISO-8601 time> <id> <value>}. */
  static void appendWatchLine(StringBuilder out, Reading reading, long takenAtMillis) {
    long at = reading.ok() ? reading.atMillis() : takenAtMillis;
    out.append(Instant.ofEpochMilli(at))
        .append(' ')
        .append(reading.id())
        .append(' ')
        .append(reading.ok() ? Values.format(reading.value()) : "nan")
        .append('\n');
  }

  static String info(ServerInfo info, Snapshot snapshot) {
    return "id="
        + info.deviceId()
        + " version="
        + info.version()
        + " uptime="
        + info.uptime().toSeconds()
        + " io="
        + info.ioModel()
        + " loops="
        + info.loops()
        + " sensors="
        + snapshot.readings().size()
        + " primary="
        + (snapshot.primary().present() ? snapshot.primary().sensorId() : "none")
        + " simulated="
        + primaryIsSimulated(snapshot);
  }

  private static String notOk(Reading reading) {
    String reason = reading.reason() == null ? "no value" : reading.reason();
    return "ERR sensor " + reading.status().wireName() + ": " + reason;
  }

  private static String withUnit(String value, Unit unit) {
    return unit.symbol().isEmpty() ? value : value + ' ' + unit.symbol();
  }
}
