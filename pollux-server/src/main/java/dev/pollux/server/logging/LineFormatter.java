package dev.pollux.server.logging;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.text.MessageFormat;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * Formats a log record as one readable line: time, level, component, message, e.g. {@code
 * 2026-11-27T10:30:00.123Z INFO device: thermal_zone3 reads again}. An exception follows on the
 * next lines.
 */
public final class LineFormatter extends Formatter {

  @Override
  public String format(LogRecord record) {
    StringBuilder line = new StringBuilder(128);
    appendTime(line, record.getMillis());
    line.append(' ').append(levelName(record.getLevel()));
    line.append(' ').append(component(record.getLoggerName())).append(": ");
    line.append(formatMessage(record)).append(System.lineSeparator());
    if (record.getThrown() != null) {
      StringWriter trace = new StringWriter();
      record.getThrown().printStackTrace(new PrintWriter(trace));
      line.append(trace);
    }
    return line.toString();
  }

  /**
   * {@code epochMillis} in UTC as {@code 2026-11-27T10:30:00.123Z}. By hand rather than by a {@code
   * DateTimeFormatter}, whose first use costs about 10 ms of the server's start (the pattern's
   * printers built in the interpreter) and the start logs a line.
   */
  private static StringBuilder appendTime(StringBuilder line, long epochMillis) {
    LocalDateTime time =
        LocalDateTime.ofEpochSecond(Math.floorDiv(epochMillis, 1000), 0, ZoneOffset.UTC);
    int millis = Math.floorMod(epochMillis, 1000);
    digits(line, time.getYear(), 4).append('-');
    digits(line, time.getMonthValue(), 2).append('-');
    digits(line, time.getDayOfMonth(), 2).append('T');
    digits(line, time.getHour(), 2).append(':');
    digits(line, time.getMinute(), 2).append(':');
    digits(line, time.getSecond(), 2).append('.');
    return digits(line, millis, 3).append('Z');
  }

  private static StringBuilder digits(StringBuilder line, int value, int width) {
    String text = Integer.toString(value);
    return line.repeat('0', width - text.length()).append(text);
  }

  /**
   * The message with its {@code {0}} parameters filled in as {@link Formatter#formatMessage} does,
   * but with numbers written the same everywhere: {@link MessageFormat} writes them in the default
   * locale's style ({@code 10,000 ms}, {@code 10.000 ms}), which scripts reading the log cannot
   * parse and the journal of a German board shows differently from an English one.
   */
  @Override
  public String formatMessage(LogRecord record) {
    Object[] parameters = record.getParameters();
    String pattern = record.getMessage();
    if (pattern == null
        || parameters == null
        || parameters.length == 0
        || record.getResourceBundle() != null
        || !hasParameterReference(pattern)) {
      return super.formatMessage(record);
    }
    Object[] plain = parameters.clone();
    for (int i = 0; i < plain.length; i++) {
      if (plain[i] instanceof Number number) {
        plain[i] = number.toString();
      }
    }
    try {
      return new MessageFormat(pattern, Locale.ROOT).format(plain);
    } catch (IllegalArgumentException e) {
      return pattern; // not a valid pattern: shown as written, as the JDK's formatter does
    }
  }

  /** The JDK formatter's test for a pattern: {@code {0}} to {@code {3}} appear in it. */
  private static boolean hasParameterReference(String pattern) {
    for (int i = 0; i < 4; i++) {
      if (pattern.contains("{" + i)) {
        return true;
      }
    }
    return false;
  }

  /** The Pollux module of a logger, {@code dev.pollux.http.internal.X} → {@code http}. */
  static String component(String loggerName) {
    if (loggerName == null || loggerName.isEmpty()) {
      return "pollux";
    }
    String prefix = "dev.pollux.";
    if (loggerName.startsWith(prefix)) {
      int end = loggerName.indexOf('.', prefix.length());
      return end < 0
          ? loggerName.substring(prefix.length())
          : loggerName.substring(prefix.length(), end);
    }
    int lastDot = loggerName.lastIndexOf('.');
    return lastDot < 0 ? loggerName : loggerName.substring(lastDot + 1);
  }

  private static String levelName(Level level) {
    int value = level.intValue();
    if (value >= Level.SEVERE.intValue()) {
      return "ERROR";
    }
    if (value >= Level.WARNING.intValue()) {
      return "WARN ";
    }
    if (value >= Level.INFO.intValue()) {
      return "INFO ";
    }
    if (value >= Level.FINE.intValue()) {
      return "DEBUG";
    }
    return "TRACE";
  }
}
