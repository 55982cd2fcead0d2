package dev.pollux.server.logging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pollux.http.HttpServerOptions;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/** {@link FloodGuard}: a burst per source and window, the access log exempt. */
class FloodGuardTest {

  private final FloodGuard guard = new FloodGuard();

  private static LogRecord record(String logger, String message, long millis) {
    LogRecord record = new LogRecord(Level.INFO, message);
    record.setLoggerName(logger);
    record.setInstant(Instant.ofEpochMilli(millis));
    return record;
  }

  private int passed(String logger, int records) {
    int passed = 0;
    for (int i = 0; i < records; i++) {
      if (guard.isLoggable(record(logger, "same line", 1_000 + i))) {
        passed++;
      }
    }
    return passed;
  }

  @Test
  void cutsARepeatingSourceToTheBurst() {
    assertThat(passed("dev.pollux.loop.TcpServer", 100))
        .as("records of 100 identical ones that pass in one window")
        .isEqualTo(FloodGuard.BURST);
  }

  @Test
  void letsEveryAccessLogLineThrough() {
    assertThat(passed(HttpServerOptions.ACCESS_LOGGER, 100))
        .as("access log records of 100 identical ones that pass in one window")
        .isEqualTo(100);
  }

  @Test
  void saysHowManyWereLeftOutInTheNextWindow() {
    passed("x", FloodGuard.BURST + 3);
    LogRecord next = record("x", "same line", 1_000 + FloodGuard.WINDOW_MILLIS + 5_000);
    assertThat(guard.isLoggable(next)).as("first record of the next window").isTrue();
    assertThat(next.getMessage()).isEqualTo("same line (3 similar lines left out)");
  }
}
