package dev.pollux.http.internal.routing;

import dev.pollux.http.internal.codec.PercentDecoding;

/**
 * Turns the still-encoded rest of a request path into a safe relative path, or refuses it. Refused:
 * a backslash, a NUL, {@code .} or {@code ..} segments (also as {@code %2e%2e}), an absolute path,
 * an empty segment, and anything still percent-encoded after one decoding (double encoding like
 * {@code %252e%252e}). Refused paths get {@code 404}, as if nothing were there.
 */
public final class StaticPaths {

  private StaticPaths() {}

  /** The decoded relative path ({@code ""} for the root), or null when refused. */
  public static String relative(String raw) {
    if (raw.indexOf('\\') >= 0) {
      return null;
    }
    String decoded = PercentDecoding.path(raw);
    if (decoded.indexOf('%') >= 0
        || decoded.indexOf('\\') >= 0
        || decoded.indexOf('\0') >= 0
        || decoded.startsWith("/")) {
      return null;
    }
    int start = 0;
    while (start < decoded.length()) {
      int end = decoded.indexOf('/', start);
      end = end < 0 ? decoded.length() : end;
      String segment = decoded.substring(start, end);
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        return null;
      }
      if (segment.indexOf(':') >= 0) {
        return null; // a drive letter or an alternate data stream elsewhere; never a file of ours
      }
      start = end + 1;
    }
    return decoded;
  }
}
