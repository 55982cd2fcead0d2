package dev.pollux.bench.load;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * An incremental reader of the framing of one HTTP/1.1 response with a {@code Content-Length}, such
 * as {@code HTTP/1.1 200 OK\r\nContent-Length: 13\r\n\r\nHello, World!}: it consumes bytes as they
 * arrive, in any split, and says when the response is complete and with which status. It reads no
 * further than the end of that response, and it is all the HTTP {@link IdleConnections} needs: one
 * response per connection, then silence.
 *
 * <p>A response without {@code Content-Length} is taken to have no body (the servers measured
 * always send one); chunked bodies are not supported. A line longer than {@link #MAX_LINE_BYTES} or
 * a status line that does not start {@code HTTP/1.x NNN} makes the response {@link #invalid()}.
 */
final class ResponseReader {

  /** The longest status or header line accepted. */
  static final int MAX_LINE_BYTES = 1024;

  private static final byte[] CONTENT_LENGTH =
      "content-length:".getBytes(StandardCharsets.US_ASCII);

  private enum State {
    STATUS_LINE,
    HEADER_LINE,
    BODY,
    COMPLETE,
    INVALID
  }

  private final byte[] line = new byte[MAX_LINE_BYTES];
  private int lineLength;
  private State state = State.STATUS_LINE;
  private int status;
  private long contentLength;
  private long bodyLeft;

  /**
   * Consumes bytes of {@code in} up to the end of the response (the rest stays in {@code in}).
   *
   * @return true once the response is complete
   */
  boolean feed(ByteBuffer in) {
    while (in.hasRemaining() && (state == State.STATUS_LINE || state == State.HEADER_LINE)) {
      byte b = in.get();
      if (b == '\n') {
        endLine();
      } else if (b != '\r') {
        if (lineLength == line.length) {
          state = State.INVALID;
          return false;
        }
        line[lineLength++] = b;
      }
    }
    if (state == State.BODY) {
      int n = (int) Math.min(bodyLeft, in.remaining());
      in.position(in.position() + n);
      bodyLeft -= n;
      if (bodyLeft == 0) {
        state = State.COMPLETE;
      }
    }
    return state == State.COMPLETE;
  }

  /** True once a complete response was read. */
  boolean complete() {
    return state == State.COMPLETE;
  }

  /** True when the bytes are not a response this reader understands. */
  boolean invalid() {
    return state == State.INVALID;
  }

  /** The status code, e.g. 200; 0 before the status line is complete. */
  int status() {
    return status;
  }

  private void endLine() {
    if (state == State.STATUS_LINE) {
      status = statusOf(line, lineLength);
      state = status > 0 ? State.HEADER_LINE : State.INVALID;
    } else if (lineLength == 0) {
      bodyLeft = contentLength;
      state = bodyLeft == 0 ? State.COMPLETE : State.BODY;
    } else if (startsWithIgnoringCase(line, lineLength, CONTENT_LENGTH)) {
      contentLength = digits(line, CONTENT_LENGTH.length, lineLength);
      if (contentLength < 0) {
        state = State.INVALID;
      }
    }
    lineLength = 0;
  }

  /** The code of a status line {@code HTTP/1.x NNN ...}, or -1. */
  private static int statusOf(byte[] line, int length) {
    if (length < 12 || line[0] != 'H' || line[4] != '/' || line[8] != ' ') {
      return -1;
    }
    int code = 0;
    for (int i = 9; i < 12; i++) {
      if (line[i] < '0' || line[i] > '9') {
        return -1;
      }
      code = code * 10 + (line[i] - '0');
    }
    return code >= 100 ? code : -1;
  }

  private static boolean startsWithIgnoringCase(byte[] line, int length, byte[] prefix) {
    if (length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      int c = line[i];
      if (c >= 'A' && c <= 'Z') {
        c += 'a' - 'A';
      }
      if (c != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  /** The decimal number in {@code line[from, to)} around optional spaces, or -1. */
  private static long digits(byte[] line, int from, int to) {
    int i = from;
    while (i < to && (line[i] == ' ' || line[i] == '\t')) {
      i++;
    }
    int end = to;
    while (end > i && (line[end - 1] == ' ' || line[end - 1] == '\t')) {
      end--;
    }
    if (i == end || end - i > 12) {
      return -1;
    }
    long n = 0;
    for (; i < end; i++) {
      if (line[i] < '0' || line[i] > '9') {
        return -1;
      }
      n = n * 10 + (line[i] - '0');
    }
    return n;
  }
}
