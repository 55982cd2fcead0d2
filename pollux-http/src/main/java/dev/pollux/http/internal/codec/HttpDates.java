package dev.pollux.http.internal.codec;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Dates in the IMF-fixdate form of RFC 9110 §5.6.7, like {@code Sun, 06 Nov 1994 08:49:37 GMT}, and
 * the {@code Date} header line, rendered at most once per second and shared by every loop.
 *
 * <p>Written by hand rather than by a {@link DateTimeFormatter}: the first use of one costs about
 * 10 ms of a server's start (building the pattern's printers, in the interpreter), and the first
 * response waits for its Date line. Parsing, which only a conditional request needs, keeps the
 * formatter.
 */
public final class HttpDates {

  private static final String[] DAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  private static final String[] MONTHS = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
  };

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
    LocalDateTime time =
        LocalDateTime.ofEpochSecond(Math.floorDiv(epochMillis, 1000), 0, ZoneOffset.UTC);
    StringBuilder text = new StringBuilder(29);
    text.append(DAYS[time.getDayOfWeek().getValue() - 1]).append(", ");
    twoDigits(text, time.getDayOfMonth()).append(' ');
    text.append(MONTHS[time.getMonthValue() - 1]).append(' ');
    int year = time.getYear();
    twoDigits(twoDigits(text, year / 100), year % 100).append(' ');
    twoDigits(text, time.getHour()).append(':');
    twoDigits(text, time.getMinute()).append(':');
    return twoDigits(text, time.getSecond()).append(" GMT").toString();
  }

  private static StringBuilder twoDigits(StringBuilder text, int value) {
    return text.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
  }

  /** Epoch milliseconds of an IMF-fixdate, or -1 when {@code text} is not one. */
  public static long parse(String text) {
    try {
      return Instant.from(Parser.IMF_FIXDATE.parse(text)).toEpochMilli();
    } catch (DateTimeParseException e) {
      // A date we cannot read is treated as absent (RFC 9110 §13.1.3: ignore an invalid date).
      return -1;
    }
  }

  /** Made on the first conditional request, not at start. */
  private static final class Parser {
    static final DateTimeFormatter IMF_FIXDATE =
        DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
            .withZone(ZoneOffset.UTC);
  }
}
