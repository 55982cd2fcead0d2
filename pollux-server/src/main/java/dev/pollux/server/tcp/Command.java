package dev.pollux.server.tcp;

import java.time.Duration;

/**
 * One line of the TCP protocol, parsed: {@code temp}, {@code get thermal_zone0}, {@code watch all
 * 5s}... (design.md, "TCP protocol"). Commands are case-insensitive; their arguments (ids, tokens)
 * are kept as written.
 */
sealed interface Command {

  /** An empty line or {@code temp}: the primary temperature. */
  record Temp() implements Command {}

  /** {@code list}: every sensor, then {@code .}. */
  record ListAll() implements Command {}

  /** {@code get <id>}. */
  record Get(String id) implements Command {}

  /** {@code watch <id>|all [D]}; {@code every} is null for the sampling interval. */
  record Watch(String target, Duration every) implements Command {
    static final String ALL = "all";

    boolean all() {
      return target.equalsIgnoreCase(ALL);
    }
  }

  /** {@code stop}: ends a watch. */
  record Stop() implements Command {}

  /** {@code info}: one line of {@code key=value} pairs. */
  record DeviceInfo() implements Command {}

  /** {@code auth <token>}. */
  record Auth(String token) implements Command {}

  /** {@code set <actuator> <value>}; {@code value} as written, checked by the device layer. */
  record SetActuator(String actuator, String value) implements Command {}

  /** {@code set <led> trigger <name>}: activates one of the LED's kernel triggers. */
  record SetTrigger(String actuator, String trigger) implements Command {}

  /** {@code help}. */
  record Help() implements Command {}

  /** {@code quit}. */
  record Quit() implements Command {}

  /** A line that is not a command; {@code reply} is the whole {@code ERR ...} line to send. */
  record Invalid(String reply) implements Command {}
}
