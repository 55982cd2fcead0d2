package dev.pollux.gpio;

import java.util.Locale;

/** The pull resistor of a line; {@code AS_IS} leaves the chip's setting alone. */
public enum Bias {
  AS_IS,
  PULL_UP,
  PULL_DOWN,
  DISABLED;

  /** {@code as-is}, {@code pull-up}, {@code pull-down} or {@code disabled}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
