package dev.pollux.server.metrics;

import dev.pollux.device.CleanName;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The {@code chip} label node_exporter's hwmon collector gives a {@code /sys/class/hwmon/hwmonN}
 * directory, the same the device layer gives its hwmon sensors: from the resolved {@code device}
 * link, {@code <parent dir>_<device dir>} cleaned ({@code /sys/devices/platform/coretemp.0} →
 * {@code platform_coretemp_0}); else the cleaned {@code name} file; else the directory's own name.
 */
final class HwmonChip {
  private HwmonChip() {}

  static String label(Path hwmonDir) {
    try {
      Path device = hwmonDir.resolve("device").toRealPath();
      String devName = CleanName.of(name(device));
      String devType = device.getParent() == null ? "" : CleanName.of(name(device.getParent()));
      if (!devType.isEmpty() && !devName.isEmpty()) {
        return devType + "_" + devName;
      }
      if (!devName.isEmpty()) {
        return devName;
      }
    } catch (IOException e) {
      // No device link (virtual chips such as rpi_volt or acpitz): the name file is next.
    }
    try {
      String name = CleanName.of(ProcText.read(hwmonDir.resolve("name")).strip());
      if (!name.isEmpty()) {
        return name;
      }
    } catch (IOException e) {
      // No name file either: the directory's name is the last resort.
    }
    try {
      return CleanName.of(name(hwmonDir.toRealPath()));
    } catch (IOException e) {
      return CleanName.of(name(hwmonDir));
    }
  }

  /** The cleaned {@code name} file ({@code coretemp}), or empty when there is none. */
  static String humanName(Path hwmonDir) {
    try {
      return CleanName.of(ProcText.read(hwmonDir.resolve("name")));
    } catch (IOException e) {
      return "";
    }
  }

  private static String name(Path path) {
    Path fileName = path.getFileName();
    return fileName == null ? "" : fileName.toString();
  }
}
