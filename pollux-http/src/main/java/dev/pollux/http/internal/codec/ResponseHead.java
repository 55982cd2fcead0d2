package dev.pollux.http.internal.codec;

import dev.pollux.http.HttpStatus;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Encodes a response's status line and header section, e.g. {@code HTTP/1.1 200 OK\r\nServer:
 * pollux\r\nDate: ...\r\nContent-Length: 13\r\n\r\n}. The status line with {@code Server} is
 * pre-encoded per status and the {@code Date} line comes from {@link HttpDates}, so a typical head
 * is a few array copies.
 */
public final class ResponseHead {

  /** A body length meaning "chunked". */
  public static final long CHUNKED = -1;

  /** A body length meaning "no length: the body ends when the connection closes" (HTTP/1.0). */
  public static final long UNTIL_CLOSE = -2;

  /** A body length meaning "no body and no Content-Length" (1xx, 204, 304). */
  public static final long NONE = -3;

  /** The interim response a client that sent {@code Expect: 100-continue} waits for. */
  public static final byte[] CONTINUE = ascii("HTTP/1.1 100 Continue\r\n\r\n");

  private static final byte[][] STATUS_LINES = new byte[600][];
  private static final byte[] CONTENT_TYPE = ascii("Content-Type: ");
  private static final byte[] CONTENT_LENGTH = ascii("Content-Length: ");
  private static final byte[] CHUNKED_LINE = ascii("Transfer-Encoding: chunked\r\n");
  private static final byte[] CLOSE_LINE = ascii("Connection: close\r\n");
  private static final byte[] KEEP_ALIVE_LINE = ascii("Connection: keep-alive\r\n");

  static {
    for (int status = 100; status < STATUS_LINES.length; status++) {
      STATUS_LINES[status] =
          ascii("HTTP/1.1 " + status + " " + HttpStatus.reason(status) + "\r\nServer: pollux\r\n");
    }
  }

  private ResponseHead() {}

  /**
   * Writes a head. {@code headers} holds name, value, name, value...; {@code bodyLength} is a byte
   * count or one of {@link #CHUNKED}, {@link #UNTIL_CLOSE}, {@link #NONE}. {@code defaults} (same
   * shape) are written after {@code headers}, each unless {@code headers} has its name.
   */
  public static void write(
      ResponseBatch out,
      int status,
      String contentType,
      List<String> headers,
      List<String> defaults,
      long bodyLength,
      boolean close,
      boolean http10) {
    out.bytes(STATUS_LINES[status]);
    out.bytes(HttpDates.dateLine());
    if (contentType != null) {
      out.bytes(CONTENT_TYPE);
      out.ascii(contentType);
      out.crlf();
    }
    for (int i = 0; i < headers.size(); i += 2) {
      out.ascii(headers.get(i));
      out.ascii(": ");
      out.ascii(headers.get(i + 1));
      out.crlf();
    }
    for (int i = 0; i < defaults.size(); i += 2) {
      if (!has(headers, defaults.get(i))) {
        out.ascii(defaults.get(i));
        out.ascii(": ");
        out.ascii(defaults.get(i + 1));
        out.crlf();
      }
    }
    if (bodyLength >= 0) {
      out.bytes(CONTENT_LENGTH);
      out.decimal(bodyLength);
      out.crlf();
    } else if (bodyLength == CHUNKED) {
      out.bytes(CHUNKED_LINE);
    }
    if (close) {
      out.bytes(CLOSE_LINE);
    } else if (http10) {
      out.bytes(KEEP_ALIVE_LINE);
    }
    out.crlf();
  }

  private static boolean has(List<String> headers, String name) {
    for (int i = 0; i < headers.size(); i += 2) {
      if (headers.get(i).equalsIgnoreCase(name)) {
        return true;
      }
    }
    return false;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
