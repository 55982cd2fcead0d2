package dev.pollux.device.internal;

/**
 * Hand-written parsers for the numbers in sysfs and procfs files, e.g. {@code "-5000\n"} or {@code
 * "0.52"}, working on a byte range without making a String.
 */
public final class Numbers {
  /** More digits than this overflow a long; sysfs values never come close. */
  private static final int MAX_DIGITS = 18;

  /** Hexadecimal digits that fit a non-negative long. */
  private static final int MAX_HEX_DIGITS = 15;

  private static final double[] POWERS_OF_TEN = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18
  };

  private Numbers() {}

  /**
   * Parses the whole range {@code [from, to)} as a decimal integer with an optional sign, ignoring
   * surrounding whitespace (sysfs values end with a newline).
   */
  public static long parseLong(byte[] bytes, int from, int to) throws ReadFailure {
    int start = skipSpace(bytes, from, to);
    int end = trimSpace(bytes, start, to);
    if (start == end) {
      throw ReadError.EMPTY.failure();
    }
    boolean negative = bytes[start] == '-';
    int i = negative || bytes[start] == '+' ? start + 1 : start;
    if (i == end || end - i > MAX_DIGITS) {
      throw ReadError.GARBAGE.failure();
    }
    long value = 0;
    for (; i < end; i++) {
      int digit = bytes[i] - '0';
      if (digit < 0 || digit > 9) {
        throw ReadError.GARBAGE.failure();
      }
      value = value * 10 + digit;
    }
    return negative ? -value : value;
  }

  /**
   * Parses the whole range {@code [from, to)} as a non-negative hexadecimal integer of at most 15
   * digits, with or without {@code 0x}, ignoring surrounding whitespace, e.g. {@code "50005\n"}.
   */
  public static long parseHex(byte[] bytes, int from, int to) throws ReadFailure {
    int start = skipSpace(bytes, from, to);
    int end = trimSpace(bytes, start, to);
    if (start == end) {
      throw ReadError.EMPTY.failure();
    }
    int i = start;
    if (end - i > 2 && bytes[i] == '0' && (bytes[i + 1] == 'x' || bytes[i + 1] == 'X')) {
      i += 2;
    }
    if (end - i > MAX_HEX_DIGITS) {
      throw ReadError.GARBAGE.failure();
    }
    long value = 0;
    for (; i < end; i++) {
      int digit = Character.digit(bytes[i], 16);
      if (digit < 0) {
        throw ReadError.GARBAGE.failure();
      }
      value = value << 4 | digit;
    }
    return value;
  }

  /**
   * Parses a decimal like {@code 0.52} or {@code 12345.67} that starts at {@code from} and ends at
   * the first space or newline or at {@code to}; leading spaces are skipped.
   */
  public static double parseDecimal(byte[] bytes, int from, int to) throws ReadFailure {
    int i = skipSpace(bytes, from, to);
    int end = tokenEnd(bytes, i, to);
    if (i == end) {
      throw ReadError.EMPTY.failure();
    }
    boolean negative = bytes[i] == '-';
    if (negative) {
      i++;
    }
    long mantissa = 0;
    int digits = 0;
    int fractionDigits = -1;
    for (; i < end; i++) {
      byte b = bytes[i];
      if (b == '.' && fractionDigits < 0) {
        fractionDigits = 0;
        continue;
      }
      int digit = b - '0';
      if (digit < 0 || digit > 9 || ++digits > MAX_DIGITS) {
        throw ReadError.GARBAGE.failure();
      }
      mantissa = mantissa * 10 + digit;
      if (fractionDigits >= 0) {
        fractionDigits++;
      }
    }
    if (digits == 0) {
      throw ReadError.GARBAGE.failure();
    }
    double value = fractionDigits > 0 ? mantissa / POWERS_OF_TEN[fractionDigits] : mantissa;
    return negative ? -value : value;
  }

  /** The index of the first byte in {@code [from, to)} that is not a space or tab. */
  public static int skipSpace(byte[] bytes, int from, int to) {
    int i = from;
    while (i < to && isSpace(bytes[i])) {
      i++;
    }
    return i;
  }

  /**
   * The index after the token starting at {@code from}: the next space, tab, newline or {@code to}.
   */
  public static int tokenEnd(byte[] bytes, int from, int to) {
    int i = from;
    while (i < to && !isSpace(bytes[i])) {
      i++;
    }
    return i;
  }

  private static int trimSpace(byte[] bytes, int from, int to) {
    int end = to;
    while (end > from && isSpace(bytes[end - 1])) {
      end--;
    }
    return end;
  }

  private static boolean isSpace(byte b) {
    return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == 0;
  }
}
