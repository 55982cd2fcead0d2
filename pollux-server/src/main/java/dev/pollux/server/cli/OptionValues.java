package dev.pollux.server.cli;

/**
 * The plain values of options: counts ({@code --loops}, {@code --max-connections}; ASCII digits
 * only, within a range) and booleans ({@code --simulate=false}). A bad value's message names what
 * is accepted, as it does for every other option.
 */
final class OptionValues {
  private static final int MAX_DIGITS = 9; // below Integer.MAX_VALUE, so no overflow to check

  private OptionValues() {}

  /**
   * {@code text} as a number from {@code min} to {@code max}; {@code range} says that range to a
   * person, e.g. {@code 1-256}.
   *
   * @throws IllegalArgumentException naming the range, for anything else
   */
  static int count(String text, int min, int max, String range) {
    if (text.isEmpty()
        || text.length() > MAX_DIGITS
        || !text.chars().allMatch(OptionValues::isDigit)) {
      throw new IllegalArgumentException("expected " + range + ", got '" + text + "'");
    }
    int count = Integer.parseInt(text);
    if (count < min || count > max) {
      throw new IllegalArgumentException("expected " + range + ", got " + count);
    }
    return count;
  }

  /** {@code 0}..{@code 9} only: {@link Character#isDigit} also takes other scripts' digits. */
  private static boolean isDigit(int c) {
    return c >= '0' && c <= '9';
  }

  /** {@code true} or {@code false} in any case, as picocli takes them; a message saying so else. */
  static boolean bool(String text) {
    if ("true".equalsIgnoreCase(text)) {
      return true;
    }
    if ("false".equalsIgnoreCase(text)) {
      return false;
    }
    throw new IllegalArgumentException("expected true or false, got '" + text + "'");
  }
}
