package dev.pollux.server.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/** {@link LineFormatter}: one line per event, numbers written alike in every locale. */
class LineFormatterTest {

  private final LineFormatter formatter = new LineFormatter();

  @Test
  void numbersInMessagesDoNotDependOnTheLocale() {
    Locale before = Locale.getDefault();
    try {
      for (Locale locale : new Locale[] {Locale.US, Locale.GERMANY, Locale.FRANCE, Locale.ROOT}) {
        Locale.setDefault(locale);
        LogRecord record =
            record("lost the broker {0}; reconnecting in {1} ms ({2} s, {3})", "b", 10_000L);
        record.setParameters(new Object[] {"tcp://b:1883", 10_000L, 1_234_567, 2.5});
        assertThat(formatter.format(record))
            .as("in locale %s", locale)
            .contains("lost the broker tcp://b:1883; reconnecting in 10000 ms (1234567 s, 2.5)")
            .contains(" WARN ");
      }
    } finally {
      Locale.setDefault(before);
    }
  }

  @Test
  void linesStartWithTheUtcTimeToTheMillisecondAsTheJdkWritesIt() {
    DateTimeFormatter reference =
        DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    SplittableRandom random = new SplittableRandom(27);
    long end = Instant.parse("2100-01-01T00:00:00Z").toEpochMilli();
    for (long millis = 0; millis < end; millis += random.nextLong(86_400_000L)) {
      LogRecord record = record("tick");
      record.setInstant(Instant.ofEpochMilli(millis));
      assertThat(formatter.format(record))
          .as("%d", millis)
          .startsWith(reference.format(Instant.ofEpochMilli(millis)) + " WARN ");
    }
  }

  @Test
  void messagesWithoutParametersAreShownAsWritten() {
    assertThat(formatter.format(record("it's {\"value\": 1}"))).contains(": it's {\"value\": 1}");
  }

  private static LogRecord record(String message, Object... parameters) {
    LogRecord record = new LogRecord(Level.WARNING, message);
    record.setLoggerName("dev.pollux.server.mqtt.BrokerLink");
    record.setParameters(parameters.length == 0 ? null : parameters);
    return record;
  }
}
