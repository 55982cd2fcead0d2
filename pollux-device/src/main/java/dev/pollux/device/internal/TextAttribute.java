package dev.pollux.device.internal;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Reads a small descriptive sysfs attribute as text at discovery, e.g. a thermal zone's {@code
 * type} ({@code "x86_pkg_temp\n"} → {@code x86_pkg_temp}). These are optional: a failure gives null
 * and a DEBUG line.
 */
final class TextAttribute {
  private static final System.Logger LOG = System.getLogger(TextAttribute.class.getName());

  private TextAttribute() {}

  /** The trimmed content of {@code path}, or null when it is missing, unreadable or blank. */
  static String read(Path path) {
    AttributeFile file = AttributeFile.sysfs(path);
    try {
      int length = file.read();
      String text = new String(file.bytes(), 0, length, StandardCharsets.UTF_8).strip();
      return text.isEmpty() ? null : text;
    } catch (ReadFailure e) {
      LOG.log(Level.DEBUG, () -> "optional attribute " + path + ": " + e.getMessage(), e);
      return null;
    }
  }
}
