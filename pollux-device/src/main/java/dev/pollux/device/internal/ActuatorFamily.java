package dev.pollux.device.internal;

import dev.pollux.device.Actuator;
import dev.pollux.device.WriteResult;
import java.nio.file.Path;
import java.util.List;

/**
 * One kind of actuator found under the sysfs root (LEDs, hwmon fans, PWM channels). Every method
 * does blocking file I/O: call it off the event loops.
 */
interface ActuatorFamily {
  /** The actuators of this family with their current state; unreadable ones carry an error. */
  List<Actuator> list();

  /**
   * Writes {@code value}, already checked against the actuator's range, and returns the new state.
   */
  WriteResult write(Actuator actuator, int value);

  /** Activates a kernel trigger; only LEDs have triggers. */
  default WriteResult setTrigger(Actuator actuator, String trigger) {
    return new WriteResult.Unsupported(actuator, "this actuator has no triggers");
  }

  /** Gives back what Pollux took over (a fan's automatic control); called once at shutdown. */
  default void close() {}

  /** {@code actuator} with value 0 and the reason of {@code failure} as its error. */
  static Actuator unreadable(Actuator actuator, ReadFailure failure) {
    return new Actuator(
        actuator.id(),
        actuator.kind(),
        actuator.min(),
        actuator.max(),
        0,
        actuator.path(),
        failure.error().reason(),
        actuator.trigger(),
        actuator.triggers());
  }

  /** One sysfs attribute holding a decimal integer, e.g. {@code brightness}. */
  static long readNumber(Path path) throws ReadFailure {
    AttributeFile file = AttributeFile.sysfs(path);
    int length = file.read();
    return Numbers.parseLong(file.bytes(), 0, length);
  }
}
