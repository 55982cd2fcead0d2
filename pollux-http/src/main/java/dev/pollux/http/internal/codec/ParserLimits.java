package dev.pollux.http.internal.codec;

/**
 * The bounds a {@link RequestParser} enforces, each checked before more bytes are buffered.
 *
 * @param maxRequestLineBytes longest request line, CRLF excluded; beyond it {@code 414}
 * @param maxHeaderBytes longest header section (also bounds a chunked trailer); beyond it {@code
 *     431}
 * @param maxHeaderFields most header fields; beyond it {@code 431}
 * @param maxBodyBytes largest body, declared or received; beyond it {@code 413}
 */
public record ParserLimits(
    int maxRequestLineBytes, int maxHeaderBytes, int maxHeaderFields, long maxBodyBytes) {

  /** The defaults of design.md: 8 KiB, 16 KiB, 100 fields, 1 MiB. */
  public static final ParserLimits DEFAULT = new ParserLimits(8 * 1024, 16 * 1024, 100, 1 << 20);

  /** Checks that every limit is positive. */
  public ParserLimits {
    positive("maxRequestLineBytes", maxRequestLineBytes);
    positive("maxHeaderBytes", maxHeaderBytes);
    positive("maxHeaderFields", maxHeaderFields);
    if (maxBodyBytes < 0) {
      throw new IllegalArgumentException("maxBodyBytes < 0: " + maxBodyBytes);
    }
  }

  private static void positive(String name, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " < 1: " + value);
    }
  }
}
