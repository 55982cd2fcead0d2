package dev.pollux.gpio;

import java.util.Locale;

/** Whether a line is read ({@code input}) or driven ({@code output}). */
public enum Direction {
  INPUT,
  OUTPUT;

  /** {@code input} or {@code output}, as JSON and the options say it. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
