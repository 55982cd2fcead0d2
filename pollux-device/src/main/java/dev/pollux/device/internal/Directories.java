package dev.pollux.device.internal;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Lists numbered sysfs entries such as {@code thermal_zone0 … thermal_zone12} in numeric order (so
 * that {@code thermal_zone2} comes before {@code thermal_zone10}).
 */
final class Directories {
  private static final System.Logger LOG = System.getLogger(Directories.class.getName());

  private Directories() {}

  /** A directory entry {@code <prefix><number>}. */
  record Numbered(Path path, int number) {}

  /** The entries of {@code dir} named {@code prefix} + digits, by number; empty if none. */
  static List<Numbered> numbered(Path dir, String prefix) {
    List<Numbered> found = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return found;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, prefix + "*")) {
      for (Path entry : entries) {
        int number = number(entry.getFileName().toString(), prefix.length());
        if (number >= 0) {
          found.add(new Numbered(entry, number));
        }
      }
    } catch (IOException e) {
      LOG.log(Level.WARNING, "cannot list " + dir + ": " + e, e);
    }
    found.sort(Comparator.comparingInt(Numbered::number));
    return found;
  }

  /** The decimal number from {@code from} to the end of {@code name}, or -1. */
  static int number(String name, int from) {
    if (from >= name.length() || name.length() - from > 9) {
      return -1;
    }
    int value = 0;
    for (int i = from; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }
}
