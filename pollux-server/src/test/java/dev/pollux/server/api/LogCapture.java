package dev.pollux.server.api;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Every log record of this JVM while installed, at every level down to TRACE ({@code FINEST}),
 * formatted as the console would show it, stack traces included: the {@link System.Logger}s of the
 * server end in java.util.logging, so this sees what {@code --log-level trace} would print. {@link
 * #close()} restores the root logger's level.
 */
final class LogCapture extends Handler implements AutoCloseable {

  private final Logger root = Logger.getLogger("");
  private final Level rootLevel;
  private final SimpleFormatter formatter = new SimpleFormatter();
  private final List<String> lines = new CopyOnWriteArrayList<>();

  private LogCapture() {
    rootLevel = root.getLevel();
    setLevel(Level.ALL);
  }

  /** Starts capturing. */
  static LogCapture install() {
    LogCapture capture = new LogCapture();
    capture.root.addHandler(capture);
    capture.root.setLevel(Level.ALL);
    return capture;
  }

  @Override
  public void publish(LogRecord record) {
    lines.add(record.getLoggerName() + " " + formatter.format(record));
  }

  /** What was logged so far, one entry per record. */
  List<String> lines() {
    return List.copyOf(lines);
  }

  /** Everything logged so far as one text. */
  String text() {
    return String.join("", lines);
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    root.removeHandler(this);
    root.setLevel(rootLevel);
  }
}
