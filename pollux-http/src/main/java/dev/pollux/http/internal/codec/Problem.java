package dev.pollux.http.internal.codec;

import dev.pollux.http.HttpStatus;
import java.nio.charset.StandardCharsets;

/**
 * An RFC 9457 problem document like {@code {"type":"about:blank","title":"Not
 * Found","status":404,"detail":"no route"}}. The detail is fixed text chosen by the server, never
 * the peer's input.
 */
public final class Problem {

  /** The media type of a problem document. */
  public static final String CONTENT_TYPE = "application/problem+json";

  private Problem() {}

  /** The JSON bytes of a problem with {@code status} and {@code detail}. */
  public static byte[] json(int status, String detail) {
    StringBuilder s = new StringBuilder(96);
    s.append("{\"type\":\"about:blank\",\"title\":\"");
    escape(s, HttpStatus.reason(status));
    s.append("\",\"status\":").append(status).append(",\"detail\":\"");
    escape(s, detail);
    s.append("\"}");
    return s.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void escape(StringBuilder s, String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\\') {
        s.append('\\').append(c);
      } else if (c < 0x20) {
        s.append("\\u00")
            .append(Character.forDigit(c >> 4, 16))
            .append(Character.forDigit(c & 15, 16));
      } else {
        s.append(c);
      }
    }
  }
}
