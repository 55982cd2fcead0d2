package dev.pollux.gpio;

import java.util.Locale;

/** Which changes of an input's (logical) value the kernel reports as events. */
public enum Edge {
  NONE,
  RISING,
  FALLING,
  BOTH;

  /** {@code none}, {@code rising}, {@code falling} or {@code both}, as the options say it. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
