package dev.pollux.server.cli;

/**
 * A listener's port as the command line gives it: {@code 8080}, {@code 0} (the kernel picks a free
 * one) or {@code off} (the listener is disabled).
 */
public record ListenPort(int number) {

  /** The listener is disabled. */
  public static final ListenPort OFF = new ListenPort(-1);

  public ListenPort {
    if (number < -1 || number > 65_535) {
      throw new IllegalArgumentException("port out of range: " + number);
    }
  }

  /** Whether the listener runs at all. */
  public boolean enabled() {
    return number >= 0;
  }

  /** Parses {@code off} or a number from 0 to 65535; the message says what is accepted. */
  public static ListenPort parse(String text) {
    String trimmed = text.strip();
    if (trimmed.equalsIgnoreCase("off")) {
      return OFF;
    }
    int value = 0;
    if (trimmed.isEmpty() || trimmed.length() > 5) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a port: expected 0-65535 (0 picks a free one) or 'off'");
    }
    for (int i = 0; i < trimmed.length(); i++) {
      char c = trimmed.charAt(i);
      if (c < '0' || c > '9') {
        throw new IllegalArgumentException(
            "'" + text + "' is not a port: expected 0-65535 (0 picks a free one) or 'off'");
      }
      value = value * 10 + (c - '0');
    }
    if (value > 65_535) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a port: expected 0-65535 (0 picks a free one) or 'off'");
    }
    return new ListenPort(value);
  }

  @Override
  public String toString() {
    return enabled() ? Integer.toString(number) : "off";
  }
}
