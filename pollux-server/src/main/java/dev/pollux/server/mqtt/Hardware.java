package dev.pollux.server.mqtt;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Who made this machine and what it is, for Home Assistant's device page: from the device tree
 * where there is one ({@code /proc/device-tree/model} = {@code Raspberry Pi 4 Model B Rev 1.4} →
 * manufacturer {@code Raspberry Pi Ltd}, model {@code Raspberry Pi 4 Model B}, hardware version
 * {@code 1.4}), else from the firmware's DMI tables ({@code /sys/class/dmi/id/sys_vendor}, {@code
 * product_name}, {@code product_version}); each part empty when unknown.
 */
record Hardware(Optional<String> manufacturer, Optional<String> model, Optional<String> version) {
  /** Device-tree and DMI strings are short; anything longer is not read. */
  private static final int MAX_BYTES = 256;

  private static final String RASPBERRY_PI = "Raspberry Pi";
  private static final String REVISION = " Rev ";

  /** Reads the facts under {@code procfs} and {@code sysfs}; blocking, once at start. */
  static Hardware read(Path procfs, Path sysfs) {
    Optional<String> treeModel = text(procfs.resolve("device-tree").resolve("model"));
    if (treeModel.isPresent()) {
      return fromDeviceTree(treeModel.get(), text(procfs.resolve("device-tree/compatible")));
    }
    Path dmi = sysfs.resolve("class/dmi/id");
    return new Hardware(
        text(dmi.resolve("sys_vendor")),
        text(dmi.resolve("product_name")),
        text(dmi.resolve("product_version")));
  }

  /**
   * {@code Raspberry Pi 4 Model B Rev 1.4} and the {@code compatible} list ({@code
   * raspberrypi,4-model-b\0brcm,bcm2711\0}): the model without its revision, the revision, and the
   * maker (the Raspberry Pi's by name, else the vendor prefix of the first compatible string).
   */
  static Hardware fromDeviceTree(String model, Optional<String> compatible) {
    String name = model;
    Optional<String> revision = Optional.empty();
    int rev = model.lastIndexOf(REVISION);
    if (rev > 0) {
      name = model.substring(0, rev);
      revision = Optional.of(model.substring(rev + REVISION.length()).strip());
    }
    Optional<String> maker =
        name.startsWith(RASPBERRY_PI)
            ? Optional.of("Raspberry Pi Ltd")
            : compatible
                .map(c -> c.indexOf(',') > 0 ? c.substring(0, c.indexOf(',')) : "")
                .filter(v -> !v.isEmpty());
    return new Hardware(maker, Optional.of(name), revision);
  }

  /** The file's first string (up to a NUL or newline), trimmed; empty when absent or blank. */
  private static Optional<String> text(Path file) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try (InputStream in = Files.newInputStream(file)) {
      byte[] bytes = in.readNBytes(MAX_BYTES);
      int end = 0;
      while (end < bytes.length && bytes[end] != 0 && bytes[end] != '\n') {
        end++;
      }
      String value = new String(bytes, 0, end, StandardCharsets.UTF_8).strip();
      return value.isEmpty() ? Optional.empty() : Optional.of(value);
    } catch (IOException e) {
      // An unreadable DMI file (product_serial is root-only, others may be too): unknown.
      return Optional.empty();
    }
  }
}
