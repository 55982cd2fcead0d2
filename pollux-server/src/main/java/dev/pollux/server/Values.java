package dev.pollux.server;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * How sensor values are written on the wire for people and scripts: at most three decimals, no
 * trailing zeros, never an exponent, e.g. {@code 48.312}, {@code 1200}, {@code -5.5}.
 */
public final class Values {

  private Values() {}

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
