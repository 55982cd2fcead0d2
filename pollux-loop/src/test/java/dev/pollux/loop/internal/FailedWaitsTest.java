package dev.pollux.loop.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.ResourceBundle;
import org.junit.jupiter.api.Test;

/** A wait that keeps failing is logged once, and its recovery with the count, not every pass. */
class FailedWaitsTest {

  private final RecordingLogger log = new RecordingLogger();
  private final FailedWaits waits = new FailedWaits("pollux-nio-0", log);

  @Test
  void logsTheFirstFailureWithItsExceptionAndCountsTheRest() {
    IOException first = new IOException("epoll_wait: EBADF");
    waits.failed(first);
    for (int i = 0; i < 999; i++) {
      waits.failed(new IOException("epoll_wait: EBADF"));
    }

    assertThat(log.lines)
        .containsExactly(
            "WARNING pollux-nio-0: waiting for readiness failed; further failures are counted"
                + " until it works");
    assertThat(log.thrown).containsExactly(first);
    assertThat(waits.failures()).isEqualTo(1000);
  }

  @Test
  void saysHowManyWentUnloggedWhenAWaitWorksAgain() {
    for (int i = 0; i < 1000; i++) {
      waits.failed(new IOException("epoll_wait: EBADF"));
    }
    waits.worked();
    waits.worked();

    assertThat(log.lines)
        .hasSize(2)
        .last()
        .isEqualTo(
            "WARNING pollux-nio-0: waiting for readiness works again after 1000 failed waits"
                + " (999 not logged)");
    assertThat(waits.failures()).isZero();
  }

  @Test
  void aNewRunOfFailuresIsLoggedAgain() {
    waits.failed(new IOException("first run"));
    waits.worked();
    waits.failed(new IOException("second run"));

    assertThat(log.lines)
        .containsExactly(
            "WARNING pollux-nio-0: waiting for readiness failed; further failures are counted"
                + " until it works",
            "WARNING pollux-nio-0: waiting for readiness works again after 1 failed waits (0"
                + " not logged)",
            "WARNING pollux-nio-0: waiting for readiness failed; further failures are counted"
                + " until it works");
  }

  @Test
  void aLoopWhoseWaitsWorkLogsNothing() {
    for (int i = 0; i < 100; i++) {
      waits.worked();
    }

    assertThat(log.lines).isEmpty();
  }

  /** Every record as {@code LEVEL message}, then its parameters if it has any. */
  private static final class RecordingLogger implements System.Logger {
    final List<String> lines = new ArrayList<>();
    final List<Throwable> thrown = new ArrayList<>();

    @Override
    public String getName() {
      return "recording";
    }

    @Override
    public boolean isLoggable(Level level) {
      return true;
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String msg, Throwable t) {
      lines.add(level + " " + msg);
      thrown.add(t);
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
      lines.add(level + " " + format + (params == null ? "" : " " + Arrays.toString(params)));
    }
  }
}
