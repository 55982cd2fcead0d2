package dev.pollux.http.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HttpDatesTest {

  /** The JDK's rendering of the same pattern: what the hand-written one must equal. */
  private static final DateTimeFormatter REFERENCE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
          .withZone(ZoneOffset.UTC);

  @Test
  void formatsRfc9110sExample() {
    assertThat(HttpDates.format(784_111_777_000L)).isEqualTo("Sun, 06 Nov 1994 08:49:37 GMT");
    assertThat(HttpDates.format(784_111_777_999L)).isEqualTo("Sun, 06 Nov 1994 08:49:37 GMT");
  }

  @Test
  void formatsAsTheJdkDoesAcrossCenturiesLeapDaysAndMidnights() {
    SplittableRandom random = new SplittableRandom(9110);
    long last = Instant.parse("2200-01-01T00:00:00Z").toEpochMilli();
    for (long day = 0; day * 86_400_000L < last; day += 1) {
      long midnight = day * 86_400_000L;
      assertSameAsJdk(midnight);
      assertSameAsJdk(midnight - 1);
      assertSameAsJdk(midnight + random.nextLong(86_400_000L));
    }
    assertSameAsJdk(Instant.parse("2000-02-29T23:59:59Z").toEpochMilli());
    assertSameAsJdk(Instant.parse("2100-02-28T12:00:00Z").toEpochMilli());
  }

  @Test
  void parsesWhatItFormatsAndRefusesWhatIsNoDate() {
    long second = Instant.parse("2026-12-05T22:58:01Z").toEpochMilli();
    assertThat(HttpDates.parse(HttpDates.format(second + 999))).isEqualTo(second);
    assertThat(HttpDates.parse("yesterday")).isEqualTo(-1);
  }

  @Test
  void theDateLineIsTheHeaderOfThisSecond() {
    long before = System.currentTimeMillis() / 1000 * 1000;
    String line = new String(HttpDates.dateLine(), StandardCharsets.US_ASCII);
    long after = System.currentTimeMillis();

    assertThat(line).startsWith("Date: ").endsWith(" GMT\r\n");
    long shown = HttpDates.parse(line.substring(6, line.length() - 2));
    assertThat(shown).isBetween(before, after);
  }

  private static void assertSameAsJdk(long epochMillis) {
    assertThat(HttpDates.format(epochMillis))
        .as("%d", epochMillis)
        .isEqualTo(REFERENCE.format(Instant.ofEpochMilli(epochMillis)));
  }
}
