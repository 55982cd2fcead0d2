package dev.pollux.server.listen;

import java.util.Locale;

/** The protocols the server listens for, each on its own port. */
public enum Protocol {
  HTTP,
  HTTPS,
  TCP;

  /** The name in log lines and {@code /metrics}, e.g. {@code tcp}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
