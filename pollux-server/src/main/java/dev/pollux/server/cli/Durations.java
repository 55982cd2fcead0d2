package dev.pollux.server.cli;

import java.time.Duration;

/**
 * Parses durations as people write them on a command line: {@code 250ms}, {@code 1s}, {@code 5m}.
 */
public final class Durations {

  private static final String ACCEPTED =
      "expected a number and a unit: ms, s, m, h or d (250ms, 1s, 5m)";

  private Durations() {}

  /**
   * Parses one or more {@code <digits><unit>} parts ({@code 1m30s}); units {@code ms}, {@code s},
   * {@code m}, {@code h}, {@code d}.
   */
  public static Duration parse(String text) {
    String s = text.strip();
    if (s.isEmpty()) {
      throw new IllegalArgumentException("'' is not a duration: " + ACCEPTED);
    }
    Duration total = Duration.ZERO;
    int i = 0;
    while (i < s.length()) {
      int digitsStart = i;
      long value = 0;
      while (i < s.length() && isAsciiDigit(s.charAt(i))) {
        value = value * 10 + (s.charAt(i) - '0');
        if (value > 1_000_000_000L) {
          throw new IllegalArgumentException("'" + text + "' is too long a duration");
        }
        i++;
      }
      int unitStart = i;
      while (i < s.length() && Character.isLetter(s.charAt(i))) {
        i++;
      }
      if (digitsStart == unitStart || unitStart == i) {
        throw new IllegalArgumentException("'" + text + "' is not a duration: " + ACCEPTED);
      }
      total = total.plus(of(value, s.substring(unitStart, i), text));
    }
    return total;
  }

  /**
   * {@code 0}..{@code 9} only: {@link Character#isDigit} also takes e.g. Arabic-Indic digits, whose
   * {@code c - '0'} is no digit value ({@code ٣s} was read as 1 587 s).
   */
  private static boolean isAsciiDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static Duration of(long value, String unit, String text) {
    return switch (unit) {
      case "ms" -> Duration.ofMillis(value);
      case "s" -> Duration.ofSeconds(value);
      case "m" -> Duration.ofMinutes(value);
      case "h" -> Duration.ofHours(value);
      case "d" -> Duration.ofDays(value);
      default ->
          throw new IllegalArgumentException("'" + text + "' is not a duration: " + ACCEPTED);
    };
  }

  /** Formats a duration back the way {@link #parse} reads it, e.g. {@code 1s}, {@code 250ms}. */
  public static String format(Duration duration) {
    long millis = duration.toMillis();
    if (millis % 3_600_000 == 0 && millis > 0) {
      return millis / 3_600_000 + "h";
    }
    if (millis % 60_000 == 0 && millis > 0) {
      return millis / 60_000 + "m";
    }
    if (millis % 1_000 == 0) {
      return millis / 1_000 + "s";
    }
    return millis + "ms";
  }
}
