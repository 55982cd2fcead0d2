package dev.pollux.server.logging;

import dev.pollux.server.cli.LogLevel;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Routes every {@link System.Logger} of the process (they end in java.util.logging) to standard
 * error, one line per event, at the level of {@code --log-level}, with a guard against floods.
 */
public final class LogSetup {

  /**
   * Held so that their levels stick: java.util.logging keeps loggers only weakly, and a collected
   * logger forgets its level.
   */
  private static final Logger LIBRARIES_ORG = Logger.getLogger("org");

  private static final Logger LIBRARIES_IO = Logger.getLogger("io");

  /**
   * The loop's listener logs "http listening on ..." at INFO; the command prints the same line on
   * standard output ({@code pollux: http listening on ...}, which scripts wait for), so the
   * journal, which takes both streams, showed it twice. Below DEBUG, the log leaves it to the
   * command.
   */
  private static final Logger LISTENERS = Logger.getLogger("dev.pollux.loop.TcpServer");

  /** The handler {@link #configure} installed; {@link #lastWord} writes through it. */
  private static volatile Handler handler;

  private LogSetup() {}

  /**
   * Logs one line at INFO even while the JVM shuts down. java.util.logging resets itself in a
   * shutdown hook of its own, which runs beside ours and removes every handler, so an ordinary
   * logger call there may be dropped (it was: the "stopped" line never showed). The handler itself
   * still writes after the reset ({@link ConsoleHandler#close} only flushes standard error).
   */
  public static void lastWord(String loggerName, String message) {
    Handler current = handler;
    if (current == null) {
      return;
    }
    LogRecord record = new LogRecord(Level.INFO, message);
    record.setLoggerName(loggerName);
    current.publish(record);
    current.flush();
  }

  /** Replaces the root handlers with one line-per-event handler at {@code level}. */
  public static void configure(LogLevel level) {
    LogManager.getLogManager().reset();
    Logger root = Logger.getLogger("");
    Level julLevel = toJul(level);
    Handler console = new ConsoleHandler();
    console.setFormatter(new LineFormatter());
    console.setFilter(new FloodGuard());
    console.setLevel(julLevel);
    root.addHandler(console);
    handler = console;
    root.setLevel(julLevel);
    // Libraries we do not own stay at WARN unless asked for TRACE: their INFO is not ours to show.
    if (level != LogLevel.TRACE) {
      LIBRARIES_ORG.setLevel(Level.WARNING);
      LIBRARIES_IO.setLevel(Level.WARNING);
    }
    LISTENERS.setLevel(level == LogLevel.DEBUG || level == LogLevel.TRACE ? null : Level.WARNING);
  }

  private static Level toJul(LogLevel level) {
    return switch (level) {
      case ERROR -> Level.SEVERE;
      case WARN -> Level.WARNING;
      case INFO -> Level.INFO;
      case DEBUG -> Level.FINE;
      case TRACE -> Level.FINEST;
    };
  }
}
