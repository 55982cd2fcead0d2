package dev.pollux.server.cli;

import java.util.Locale;

/** The levels of {@code --log-level}, from the quietest. */
public enum LogLevel {
  ERROR(System.Logger.Level.ERROR),
  WARN(System.Logger.Level.WARNING),
  INFO(System.Logger.Level.INFO),
  DEBUG(System.Logger.Level.DEBUG),
  TRACE(System.Logger.Level.TRACE);

  private final System.Logger.Level level;

  LogLevel(System.Logger.Level level) {
    this.level = level;
  }

  /** The matching {@link System.Logger} level. */
  public System.Logger.Level level() {
    return level;
  }

  /** Parses a level name, case-insensitively; the message lists the accepted names. */
  public static LogLevel parse(String text) {
    String wanted = text.strip().toUpperCase(Locale.ROOT);
    if (wanted.equals("WARNING")) {
      return WARN;
    }
    for (LogLevel candidate : values()) {
      if (candidate.name().equals(wanted)) {
        return candidate;
      }
    }
    throw new IllegalArgumentException(
        "'" + text + "' is not a log level: expected error, warn, info, debug or trace");
  }
}
