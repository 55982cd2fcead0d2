package dev.pollux.http.internal.codec;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Percent-decoding of paths and queries (RFC 3986 §2.1), as UTF-8; {@code +} is a space in a query
 * (the form encoding browsers use). A malformed escape like {@code %zz} is kept as it stands (the
 * request parser refuses a target with one; other callers may pass anything).
 */
public final class PercentDecoding {

  private PercentDecoding() {}

  /** Decodes a path or path segment; {@code +} stays a plus. */
  public static String path(String s) {
    return decode(s, 0, s.length(), false);
  }

  /**
   * Decodes only the escapes of unreserved characters ({@code %41}-{@code %5A}, {@code %61}-{@code
   * %7A}, {@code %30}-{@code %39}, {@code %2D}, {@code %2E}, {@code %5F}, {@code %7E}), which RFC
   * 3986 §6.2.2.2 says are equivalent to the characters: {@code /%74emp} is {@code /temp}. Every
   * other escape ({@code %2F} above all) is kept as sent, so it never becomes a separator. Returns
   * {@code s} itself when it has no {@code %}.
   */
  public static String unreserved(String s) {
    int percent = s.indexOf('%');
    if (percent < 0) {
      return s;
    }
    StringBuilder out = new StringBuilder(s.length());
    out.append(s, 0, percent);
    for (int i = percent; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%' && i + 2 < s.length()) {
        int hi = Character.digit(s.charAt(i + 1), 16);
        int lo = Character.digit(s.charAt(i + 2), 16);
        if (hi >= 0 && lo >= 0 && isUnreserved((char) (hi * 16 + lo))) {
          out.append((char) (hi * 16 + lo));
          i += 2;
          continue;
        }
      }
      out.append(c);
    }
    return out.toString();
  }

  private static boolean isUnreserved(char c) {
    return (c >= 'A' && c <= 'Z')
        || (c >= 'a' && c <= 'z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '.'
        || c == '_'
        || c == '~';
  }

  /** Decodes a query component; {@code +} is a space. */
  public static String query(String s, int start, int end) {
    return decode(s, start, end, true);
  }

  /** The parameters of a query like {@code a=1&b=x%20y&c}, first value of each, in order. */
  public static Map<String, String> parameters(String query) {
    Map<String, String> parameters = new LinkedHashMap<>();
    if (query == null) {
      return parameters;
    }
    int start = 0;
    while (start <= query.length()) {
      int end = query.indexOf('&', start);
      if (end < 0) {
        end = query.length();
      }
      if (end > start) {
        int equals = query.indexOf('=', start);
        int nameEnd = equals < 0 || equals > end ? end : equals;
        String name = query(query, start, nameEnd);
        String value = nameEnd == end ? "" : query(query, nameEnd + 1, end);
        parameters.putIfAbsent(name, value);
      }
      start = end + 1;
    }
    return parameters;
  }

  private static String decode(String s, int start, int end, boolean plusIsSpace) {
    int firstSpecial = -1;
    for (int i = start; i < end; i++) {
      char c = s.charAt(i);
      if (c == '%' || (plusIsSpace && c == '+')) {
        firstSpecial = i;
        break;
      }
    }
    if (firstSpecial < 0) {
      return s.substring(start, end);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(end - start);
    for (int i = start; i < end; i++) {
      char c = s.charAt(i);
      if (c == '%' && i + 2 < end) {
        int hi = Character.digit(s.charAt(i + 1), 16);
        int lo = Character.digit(s.charAt(i + 2), 16);
        if (hi >= 0 && lo >= 0) {
          out.write(hi * 16 + lo);
          i += 2;
          continue;
        }
      }
      if (plusIsSpace && c == '+') {
        out.write(' ');
      } else if (c < 0x80) {
        out.write(c);
      } else {
        out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
