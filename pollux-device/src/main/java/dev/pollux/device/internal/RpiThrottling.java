package dev.pollux.device.internal;

import dev.pollux.device.Sensor;
import dev.pollux.device.SensorKind;
import dev.pollux.device.Source;
import dev.pollux.device.Unit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The Raspberry Pi firmware's throttling flags from {@code
 * <sysfs>/devices/platform/soc/soc:firmware/get_throttled}, a hexadecimal bitmask as {@code
 * vcgencmd get_throttled} prints it: bits 0-3 say what holds now (under-voltage, ARM frequency
 * capped, throttled, soft temperature limit), bits 16-19 that the same has occurred since boot.
 * Each bit is a boolean sensor, e.g. {@code throttled_undervoltage} and {@code
 * throttled_undervoltage_occurred}. Without the file (any other machine, an older firmware driver)
 * there are no such sensors.
 */
final class RpiThrottling {

  /** The bits 0-3, in order, with the id part and label of each. */
  private static final String[][] FLAGS = {
    {"undervoltage", "under-voltage"},
    {"frequency_capped", "ARM frequency capped"},
    {"throttling", "throttled"},
    {"soft_temp_limit", "soft temperature limit"},
  };

  /** Where the sticky "has occurred since boot" copy of bits 0-3 starts. */
  private static final int OCCURRED_SHIFT = 16;

  private RpiThrottling() {}

  static List<Discovered> discover(Path sysfsRoot) {
    List<Discovered> found = new ArrayList<>();
    Path file =
        sysfsRoot.resolve("devices/platform/soc").resolve("soc:firmware").resolve("get_throttled");
    if (!Files.exists(file)) {
      return found;
    }
    for (int bit = 0; bit < FLAGS.length; bit++) {
      found.add(flag(file, bit, "throttled_" + FLAGS[bit][0], FLAGS[bit][1]));
    }
    for (int bit = 0; bit < FLAGS.length; bit++) {
      found.add(
          flag(
              file,
              bit + OCCURRED_SHIFT,
              "throttled_" + FLAGS[bit][0] + "_occurred",
              FLAGS[bit][1] + " since boot"));
    }
    return found;
  }

  private static Discovered flag(Path file, int bit, String id, String label) {
    Sensor sensor =
        new Sensor(id, SensorKind.BOOLEAN, Unit.NONE, label, new Source.Throttled(bit, file));
    return new Discovered(sensor, new BitProbe(AttributeFile.sysfs(file), bit));
  }

  /** One bit of a hexadecimal bitmask attribute, as 0 or 1. */
  private static final class BitProbe implements Probe {
    private final AttributeFile file;
    private final int bit;

    BitProbe(AttributeFile file, int bit) {
      this.file = file;
      this.bit = bit;
    }

    @Override
    public double read(long nowMillis) throws ReadFailure {
      int length = file.read();
      return Numbers.parseHex(file.bytes(), 0, length) >>> bit & 1;
    }
  }
}
