package dev.pollux.device.internal;

import dev.pollux.device.Actuator;
import dev.pollux.device.WriteResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The PWM channels already exported under {@code <sysfs>/class/pwm}: {@code pwmchipN/pwmM} with its
 * {@code period} and {@code duty_cycle} in nanoseconds is the actuator {@code pwm_pwmchipN_pwmM},
 * whose value is the duty cycle from 0 to the period.
 *
 * <p>Pollux neither exports channels (that is a board's configuration, done once by whoever wires
 * the output) nor touches {@code enable} or {@code period}: it sets the duty cycle of the channel
 * as configured. A period longer than {@link Integer#MAX_VALUE} ns (2.1 s) does not fit the
 * actuator's range and is shown as an error.
 */
final class PwmChannels implements ActuatorFamily {
  private final Path classDir;

  PwmChannels(Path sysfsRoot) {
    this.classDir = sysfsRoot.resolve("class").resolve("pwm");
  }

  @Override
  public List<Actuator> list() {
    List<Actuator> found = new ArrayList<>();
    for (Directories.Numbered chip : Directories.numbered(classDir, "pwmchip")) {
      for (Directories.Numbered channel : Directories.numbered(chip.path(), "pwm")) {
        found.add(read(chip.number(), channel));
      }
    }
    return found;
  }

  private static Actuator read(int chip, Directories.Numbered channel) {
    String id = "pwm_pwmchip" + chip + "_pwm" + channel.number();
    Path dutyCycle = channel.path().resolve("duty_cycle");
    Actuator unknown = new Actuator(id, "pwm", 0, 0, 0, dutyCycle);
    long periodNanos;
    try {
      periodNanos = ActuatorFamily.readNumber(channel.path().resolve("period"));
    } catch (ReadFailure e) {
      return ActuatorFamily.unreadable(unknown, e);
    }
    if (periodNanos < 0 || periodNanos > Integer.MAX_VALUE) {
      return ActuatorFamily.unreadable(unknown, ReadError.IMPLAUSIBLE.failure());
    }
    Actuator pwm = new Actuator(id, "pwm", 0, (int) periodNanos, 0, dutyCycle);
    try {
      long duty = ActuatorFamily.readNumber(dutyCycle);
      if (duty < 0 || duty > Integer.MAX_VALUE) {
        return ActuatorFamily.unreadable(pwm, ReadError.IMPLAUSIBLE.failure());
      }
      return pwm.withValue((int) duty);
    } catch (ReadFailure e) {
      return ActuatorFamily.unreadable(pwm, e);
    }
  }

  @Override
  public WriteResult write(Actuator pwm, int dutyNanos) {
    WriteResult refused = AttributeWrite.write(pwm, pwm.path(), Integer.toString(dutyNanos));
    if (refused != null) {
      return refused;
    }
    try {
      return new WriteResult.Written(pwm.withValue((int) ActuatorFamily.readNumber(pwm.path())));
    } catch (ReadFailure e) {
      return new WriteResult.Written(pwm.withValue(dutyNanos));
    }
  }
}
