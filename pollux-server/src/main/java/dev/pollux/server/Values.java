package dev.pollux.server;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * How sensor values are written on the wire for people and scripts: at most three decimals, no
 * trailing zeros, never an exponent, e.g. {@code 48.312}, {@code 1200}, {@code -5.5}.
 */
public final class Values {

  /** Digits of the longest {@code int}. */
  private static final int MAX_INT_DIGITS = 10;

  private Values() {}

  /**
   * An actuator value as clients send it, e.g. {@code 128} or {@code -1}: an optional sign and 1-10
   * ASCII digits within {@code int}, nothing else (no spaces, exponents, decimals, or the other
   * scripts' digits that {@link Integer#parseInt} also takes); null when it is not one.
   */
  public static Integer parseInteger(String text) {
    int start = text.startsWith("-") || text.startsWith("+") ? 1 : 0;
    int digits = text.length() - start;
    if (digits < 1 || digits > MAX_INT_DIGITS) {
      return null;
    }
    long value = 0;
    for (int i = start; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return null;
      }
      value = value * 10 + (c - '0');
    }
    value = text.charAt(0) == '-' ? -value : value;
    return value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE ? (int) value : null;
  }

  /** The value as text; {@code NaN} (no value yet) is {@code nan}. */
  public static String format(double value) {
    if (Double.isNaN(value)) {
      return "nan";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "inf" : "-inf";
    }
    long rounded = Math.round(value * 1000.0);
    if (Math.abs(value) < 9.0e12 && rounded % 1000 == 0) {
      return Long.toString(rounded / 1000);
    }
    return BigDecimal.valueOf(value)
        .setScale(3, RoundingMode.HALF_UP)
        .stripTrailingZeros()
        .toPlainString();
  }
}
