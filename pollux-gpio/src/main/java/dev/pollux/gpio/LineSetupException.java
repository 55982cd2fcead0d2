package dev.pollux.gpio;

import java.io.IOException;

/**
 * A configured line could not be had: the message says why in the machine's terms, e.g. {@code
 * "gpiochip0 line 17 (GPIO17) is busy: held by \"gpio-keys\""}; {@link #spec()} says which line.
 */
public final class LineSetupException extends IOException {

  private static final long serialVersionUID = 1L;

  private final transient LineSpec spec;

  public LineSetupException(LineSpec spec, String message, Throwable cause) {
    super(message, cause);
    this.spec = spec;
  }

  /** The configured line that failed. */
  public LineSpec spec() {
    return spec;
  }
}
