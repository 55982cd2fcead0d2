package dev.pollux.server.metrics;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The text of a {@code /proc} or {@code /sys} file read whole, with a bound, and split into lines
 * and whitespace-separated fields, e.g. {@code "cpu0 10 0 5 100"} → {@code [cpu0, 10, 0, 5, 100]}.
 */
final class ProcText {
  /**
   * The most read from one file: /proc/self/mountinfo of a busy container host stays well below.
   */
  static final int MAX_BYTES = 4 * 1024 * 1024;

  private ProcText() {}

  /** The file's lines, each as its fields; blank lines are dropped. */
  static List<List<String>> fieldLines(Path file) throws IOException {
    List<List<String>> lines = new ArrayList<>();
    String text = read(file);
    int start = 0;
    while (start < text.length()) {
      int end = text.indexOf('\n', start);
      if (end < 0) {
        end = text.length();
      }
      List<String> fields = fields(text, start, end);
      if (!fields.isEmpty()) {
        lines.add(fields);
      }
      start = end + 1;
    }
    return lines;
  }

  /** The file's text, trimmed of its trailing newline. */
  static String read(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] bytes = in.readNBytes(MAX_BYTES + 1);
      if (bytes.length > MAX_BYTES) {
        throw new IOException(file + ": longer than " + MAX_BYTES + " bytes");
      }
      String text = new String(bytes, StandardCharsets.UTF_8);
      return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    }
  }

  /** The fields of {@code text[start, end)}, split at spaces and tabs. */
  static List<String> fields(String text, int start, int end) {
    List<String> fields = new ArrayList<>();
    int i = start;
    while (i < end) {
      while (i < end && isBlank(text.charAt(i))) {
        i++;
      }
      int from = i;
      while (i < end && !isBlank(text.charAt(i))) {
        i++;
      }
      if (i > from) {
        fields.add(text.substring(from, i));
      }
    }
    return fields;
  }

  private static boolean isBlank(char c) {
    return c == ' ' || c == '\t' || c == '\r';
  }

  /** A decimal count, or -1 when {@code text} is not one (so that callers skip the value). */
  static long count(String text) {
    if (text.isEmpty() || text.length() > 19) {
      return -1;
    }
    long value = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }
}
