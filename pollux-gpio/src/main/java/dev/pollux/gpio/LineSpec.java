package dev.pollux.gpio;

import java.util.Objects;

/**
 * A line as configured: a name of our own, the chip, and the line by offset or by the chip's name
 * for it, e.g. {@code door = gpiochip0:GPIO17} or {@code relay = gpiochip0:27}.
 *
 * @param name the configured name ({@code door}), the sensor's or actuator's id
 * @param chip the chip ({@code gpiochip0})
 * @param line the line: an offset ({@code 27}) or a name the chip gives it ({@code GPIO17})
 * @param settings direction, edges, bias, debounce, initial value
 */
public record LineSpec(String name, String chip, String line, LineSettings settings) {

  public LineSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(chip, "chip");
    Objects.requireNonNull(line, "line");
    Objects.requireNonNull(settings, "settings");
  }

  /** The offset when {@link #line()} is a number, else -1 (a name to look up). */
  public int offset() {
    if (line.isEmpty() || line.length() > 5) {
      return -1;
    }
    int offset = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      offset = offset * 10 + (c - '0');
    }
    return offset;
  }

  @Override
  public String toString() {
    return name + "=" + chip + ":" + line;
  }
}
