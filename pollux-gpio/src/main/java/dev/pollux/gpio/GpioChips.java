package dev.pollux.gpio;

import dev.pollux.gpio.internal.CdevChips;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The GPIO chips of a machine: the character devices {@code /dev/gpiochipN}, or a fake set in
 * tests.
 */
public interface GpioChips {

  /** The chips' names ({@code gpiochip0}, ...), sorted by number; empty when there are none. */
  List<String> names() throws IOException;

  /**
   * Opens chip {@code name} ({@code gpiochip0}).
   *
   * @throws GpioException naming the device and the error (ENOENT: no such chip; EACCES)
   */
  GpioChip open(String name) throws IOException;

  /** The chips under {@code /dev}, through the FFM binding of the uAPI v2 ioctls. */
  static GpioChips system() {
    return new CdevChips(Path.of("/dev"));
  }

  /** Whether {@code name} looks like a chip's name: {@code gpiochip} and a number. */
  static boolean isChipName(String name) {
    if (!name.startsWith("gpiochip") || name.length() == "gpiochip".length()) {
      return false;
    }
    for (int i = "gpiochip".length(); i < name.length(); i++) {
      char c = name.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return name.length() <= "gpiochip".length() + 6;
  }
}
