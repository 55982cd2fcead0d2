package dev.pollux.http.internal.codec;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Dates in the IMF-fixdate form of RFC 9110 §5.6.7, like {@code Sun, 06 Nov 1994 08:49:37 GMT}, and
 * the {@code Date} header line, rendered at most once per second and shared by every loop.
 */
public final class HttpDates {

  private static final DateTimeFormatter IMF_FIXDATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
          .withZone(ZoneOffset.UTC);

  /** The Date line of one second; replaced whole, so readers on any thread see a consistent one. */
  private static final class DateLine {
    final long epochSecond;
    final byte[] line;

    DateLine(long epochSecond, byte[] line) {
      this.epochSecond = epochSecond;
      this.line = line;
    }
  }

  private static volatile DateLine current = render(System.currentTimeMillis() / 1000);

  private HttpDates() {}

  /** {@code Date: <now>\r\n}, the same array for every response within one second. */
  static byte[] dateLine() {
    long second = System.currentTimeMillis() / 1000;
    DateLine line = current;
    if (line.epochSecond != second) {
      line = render(second);
      current = line;
    }
    return line.line;
  }

  private static DateLine render(long epochSecond) {
    String text = "Date: " + format(epochSecond * 1000) + "\r\n";
    return new DateLine(epochSecond, text.getBytes(StandardCharsets.US_ASCII));
  }

  /** {@code epochMillis} as an IMF-fixdate (seconds precision). */
  public static String format(long epochMillis) {
    return IMF_FIXDATE.format(Instant.ofEpochMilli(epochMillis));
  }

  /** Epoch milliseconds of an IMF-fixdate, or -1 when {@code text} is not one. */
  public static long parse(String text) {
    try {
      return Instant.from(IMF_FIXDATE.parse(text)).toEpochMilli();
    } catch (DateTimeParseException e) {
      // A date we cannot read is treated as absent (RFC 9110 §13.1.3: ignore an invalid date).
      return -1;
    }
  }
}
