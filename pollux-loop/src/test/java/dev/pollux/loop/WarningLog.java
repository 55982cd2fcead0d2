package dev.pollux.loop;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Captures the WARNING and worse records of the {@code dev.pollux.loop} loggers while open (the
 * JDK's System.Logger writes to java.util.logging by default).
 */
final class WarningLog extends Handler implements AutoCloseable {

  private static final Logger LOOP = Logger.getLogger("dev.pollux.loop");

  final List<LogRecord> records = new CopyOnWriteArrayList<>();

  private WarningLog() {}

  static WarningLog capture() {
    WarningLog log = new WarningLog();
    LOOP.addHandler(log);
    return log;
  }

  @Override
  public void publish(LogRecord record) {
    if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
      records.add(record);
    }
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    LOOP.removeHandler(this);
  }
}
