package dev.pollux.bench.peers;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The bytes every contestant answers, identical to Pollux's {@code TechEmpowerApp}: {@code GET
 * /plaintext} is {@code Hello, World!} ({@code text/plain}), {@code GET /json} is {@code
 * {"message":"Hello, World!"}} ({@code application/json}), serialized per request as the
 * TechEmpower rules ask; and a {@code Date} header rendered at most once per second.
 */
public final class Payloads {

  /** The plaintext body. */
  public static final byte[] HELLO = "Hello, World!".getBytes(StandardCharsets.US_ASCII);

  /** The message of the JSON body. */
  public static final String MESSAGE = "Hello, World!";

  /** The TCP protocol's fixed answer of the Netty line server, as a Pollux `temp` reply looks. */
  public static final byte[] TEMPERATURE_LINE = "48.312\n".getBytes(StandardCharsets.US_ASCII);

  private static volatile CachedDate date = new CachedDate(0, "");

  private Payloads() {}

  /** {@code {"message":"<message>"}} as UTF-8, escaping quotes and backslashes. */
  public static byte[] json(String message) {
    StringBuilder s = new StringBuilder(32 + message.length());
    s.append("{\"message\":\"");
    for (int i = 0; i < message.length(); i++) {
      char c = message.charAt(i);
      if (c == '"' || c == '\\') {
        s.append('\\');
      }
      s.append(c);
    }
    return s.append("\"}").toString().getBytes(StandardCharsets.UTF_8);
  }

  /** The current time as an HTTP date (RFC 9110 section 5.6.7), cached per second. */
  public static String httpDate() {
    long second = System.currentTimeMillis() / 1000;
    CachedDate cached = date;
    if (cached.second != second) {
      cached =
          new CachedDate(
              second,
              DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)));
      date = cached;
    }
    return cached.text;
  }

  private record CachedDate(long second, String text) {}
}
