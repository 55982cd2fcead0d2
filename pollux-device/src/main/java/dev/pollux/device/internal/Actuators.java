package dev.pollux.device.internal;

import dev.pollux.device.Actuator;
import dev.pollux.device.WriteResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Every actuator under the sysfs root: LEDs ({@code led_*}), hwmon fans ({@code fan_*}) and PWM
 * channels ({@code pwm_*}). Listed afresh on each call, so that a hot-plugged LED or an exported
 * PWM channel appears without a restart. Blocking file I/O: call it off the event loops.
 */
public final class Actuators implements AutoCloseable {
  private final List<ActuatorFamily> families;

  public Actuators(Path sysfsRoot) {
    this.families =
        List.of(new Leds(sysfsRoot), new HwmonFans(sysfsRoot), new PwmChannels(sysfsRoot));
  }

  /** All actuators, sorted by id. */
  public List<Actuator> list() {
    List<Actuator> all = new ArrayList<>();
    for (ActuatorFamily family : families) {
      all.addAll(family.list());
    }
    all.sort(Comparator.comparing(Actuator::id));
    return all;
  }

  /** Validates {@code value} against the actuator's range and writes it. */
  public WriteResult write(String id, int value) {
    for (ActuatorFamily family : families) {
      Actuator actuator = find(family, id);
      if (actuator == null) {
        continue;
      }
      if (!actuator.ok() && actuator.max() <= actuator.min()) {
        // Its range is unknown (max_brightness unreadable): nothing to check the value against.
        return new WriteResult.Failed(actuator, "range unreadable");
      }
      if (value < actuator.min() || value > actuator.max()) {
        return new WriteResult.OutOfRange(actuator, value);
      }
      return family.write(actuator, value);
    }
    return new WriteResult.Unknown(id);
  }

  /** Activates {@code trigger}, which must be one of the LED's {@link Actuator#triggers()}. */
  public WriteResult setTrigger(String id, String trigger) {
    for (ActuatorFamily family : families) {
      Actuator actuator = find(family, id);
      if (actuator != null) {
        return family.setTrigger(actuator, trigger);
      }
    }
    return new WriteResult.Unknown(id);
  }

  private static Actuator find(ActuatorFamily family, String id) {
    for (Actuator candidate : family.list()) {
      if (candidate.id().equals(id)) {
        return candidate;
      }
    }
    return null;
  }

  /** Gives fans back to automatic control. */
  @Override
  public void close() {
    for (ActuatorFamily family : families) {
      family.close();
    }
  }
}
