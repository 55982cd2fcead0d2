package dev.pollux.device.internal;

import dev.pollux.device.CleanName;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The chip label of a hwmon directory as node_exporter's {@code hwmonName} makes it: from the
 * resolved {@code device} link, {@code <parent dir>_<device dir>} cleaned ({@code
 * /sys/devices/platform/coretemp.0} → {@code platform_coretemp_0}); else the cleaned {@code name}
 * file; else the resolved directory's own name ({@code hwmon3}). The {@code hwmonN} number is the
 * last resort because it depends on the order drivers were loaded in.
 */
final class HwmonChipName {
  private static final System.Logger LOG = System.getLogger(HwmonChipName.class.getName());

  private HwmonChipName() {}

  static String of(Path hwmonDir) {
    try {
      Path device = hwmonDir.resolve("device").toRealPath();
      Path parent = device.getParent();
      String devName = device.getFileName() == null ? "" : CleanName.of(name(device));
      String devType =
          parent == null || parent.getFileName() == null ? "" : CleanName.of(name(parent));
      if (!devType.isEmpty() && !devName.isEmpty()) {
        return devType + "_" + devName;
      }
      if (!devName.isEmpty()) {
        return devName;
      }
    } catch (IOException e) {
      // No device link (virtual chips such as acpitz): node_exporter falls back to the name file.
      LOG.log(System.Logger.Level.DEBUG, () -> hwmonDir + " has no device link: " + e);
    }
    String name = TextAttribute.read(hwmonDir.resolve("name"));
    if (name != null && !CleanName.of(name).isEmpty()) {
      return CleanName.of(name);
    }
    try {
      return CleanName.of(name(hwmonDir.toRealPath()));
    } catch (IOException e) {
      return CleanName.of(name(hwmonDir));
    }
  }

  private static String name(Path path) {
    Path fileName = path.getFileName();
    return fileName == null ? "" : fileName.toString();
  }
}
