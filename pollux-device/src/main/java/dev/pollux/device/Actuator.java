package dev.pollux.device;

import java.nio.file.Path;
import java.util.List;

/**
 * Something this device can set, e.g. the LED {@code led_act} with brightness 0..255 and the kernel
 * trigger {@code mmc0}, or the fan {@code fan_platform_cooling_fan_pwm1} with duty 0..255.
 *
 * <p>An actuator whose current state cannot be read is still listed, with {@code error} saying why
 * (as a sensor's reading does), so that it neither vanishes nor answers 404 on the next write.
 *
 * @param id stable id: {@code led_<name>}, {@code fan_<chip>_pwm<N>}, {@code
 *     pwm_pwmchip<N>_pwm<M>}; see the README
 * @param kind {@code led}, {@code fan} (a hwmon {@code pwmN}) or {@code pwm} (a PWM channel)
 * @param min smallest allowed value (0)
 * @param max largest allowed value ({@code max_brightness}, 255 for a fan, the channel's period)
 * @param value the current value, read when this record was made; 0 when {@code error} is set
 * @param path the file written ({@code .../leds/ACT/brightness}, {@code .../hwmon2/pwm1}, {@code
 *     .../pwm0/duty_cycle})
 * @param error why the state could not be read ({@code "unparsable value"}), or null when it could
 * @param trigger an LED's active kernel trigger ({@code none}, {@code mmc0}), null for actuators
 *     that have no trigger file
 * @param triggers the triggers an LED can take, in the kernel's order; empty without a trigger file
 */
public record Actuator(
    String id,
    String kind,
    int min,
    int max,
    int value,
    Path path,
    String error,
    String trigger,
    List<String> triggers) {

  public Actuator {
    triggers = List.copyOf(triggers);
  }

  /** A readable actuator without triggers. */
  public Actuator(String id, String kind, int min, int max, int value, Path path) {
    this(id, kind, min, max, value, path, null, null, List.of());
  }

  /** True when the current state was read; false when {@link #error()} says why not. */
  public boolean ok() {
    return error == null;
  }

  /** {@code ok} or {@code error}, as JSON shows it. */
  public String status() {
    return error == null ? "ok" : "error";
  }

  /** This actuator with {@code newValue} and no error. */
  public Actuator withValue(int newValue) {
    return new Actuator(id, kind, min, max, newValue, path, null, trigger, triggers);
  }
}
