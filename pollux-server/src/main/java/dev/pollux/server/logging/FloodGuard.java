package dev.pollux.server.logging;

import dev.pollux.http.HttpServerOptions;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Filter;
import java.util.logging.LogRecord;

/**
 * Keeps one chatty source from flooding the log: at most {@link #BURST} records per logger and
 * message pattern in each {@link #WINDOW_MILLIS} window; the rest are counted, and the first record
 * of the next window says how many were left out.
 *
 * <p>The HTTP access log ({@link HttpServerOptions#ACCESS_LOGGER}) is exempt: it is asked for with
 * {@code --access-log}, and a line per request is its point, however alike the lines are.
 */
final class FloodGuard implements Filter {

  static final int BURST = 20;
  static final long WINDOW_MILLIS = 60_000;

  /** Bounded: when full, it is cleared, which at worst lets one more burst through. */
  private static final int MAX_SOURCES = 1_024;

  private final Map<String, Window> windows = new HashMap<>();

  @Override
  public synchronized boolean isLoggable(LogRecord record) {
    if (HttpServerOptions.ACCESS_LOGGER.equals(record.getLoggerName())) {
      return true;
    }
    String source = record.getLoggerName() + '\0' + record.getMessage();
    long now = record.getMillis();
    Window window = windows.get(source);
    if (window == null || now - window.startMillis >= WINDOW_MILLIS) {
      if (windows.size() >= MAX_SOURCES) {
        windows.clear();
      }
      long suppressed = window == null ? 0 : window.suppressed;
      window = new Window(now);
      windows.put(source, window);
      if (suppressed > 0) {
        record.setMessage(record.getMessage() + " (" + suppressed + " similar lines left out)");
      }
    }
    if (window.count < BURST) {
      window.count++;
      return true;
    }
    window.suppressed++;
    return false;
  }

  private static final class Window {
    final long startMillis;
    int count;
    long suppressed;

    Window(long startMillis) {
      this.startMillis = startMillis;
    }
  }
}
