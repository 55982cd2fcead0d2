package dev.pollux.http.internal.connection;

import dev.pollux.http.HttpServerOptions;
import dev.pollux.http.Method;
import dev.pollux.http.internal.codec.RequestHead;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;

/**
 * The access log of one connection: one line per completed response, e.g. {@code 10.0.0.5 "GET
 * /api/v1/sensors?x=1" 200 512 3}, that is the remote address, the method and target (cut to
 * {@value #MAX_TARGET_CHARS} characters, control characters, quotes and backslashes escaped as
 * {@code \xHH}), the status, the body bytes sent and the duration in milliseconds from the end of
 * the request's head. With {@link HttpServerOptions#accessLog()} off, every connection shares
 * {@link #OFF}, which does nothing.
 *
 * <p>Loop thread only.
 */
final class AccessLog {

  /** Longer targets are cut: a log line must not carry a client's 8 KiB of junk. */
  static final int MAX_TARGET_CHARS = 200;

  private static final System.Logger LOG = System.getLogger(HttpServerOptions.ACCESS_LOGGER);
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  /** The log of a server without one: every call returns at once. */
  static final AccessLog OFF = new AccessLog(false);

  private final boolean on;
  private long startNanos;
  private int status;
  private long bodyBytes;
  private boolean started;

  AccessLog() {
    this(true);
  }

  private AccessLog(boolean on) {
    this.on = on;
  }

  /** A request's head is complete: the clock starts. */
  void begin() {
    if (!on) {
      return;
    }
    startNanos = System.nanoTime();
    status = 0;
    bodyBytes = 0;
    started = true;
  }

  /** The response's head went out with {@code status}. */
  void status(int status) {
    if (on) {
      this.status = status;
    }
  }

  /** {@code count} more body bytes went out. */
  void body(long count) {
    if (on) {
      bodyBytes += count;
    }
  }

  /** The response is complete (or the connection ended it): logs its line once. */
  void done(InetSocketAddress remote, RequestHead head) {
    if (status == 0) {
      return; // nothing was answered
    }
    long durationMillis = started ? (System.nanoTime() - startNanos) / 1_000_000 : 0;
    if (LOG.isLoggable(Level.INFO)) {
      LOG.log(Level.INFO, line(remote, head, status, bodyBytes, durationMillis));
    }
    status = 0;
    bodyBytes = 0; // a refused request that never completed its head starts from here
    started = false;
  }

  static String line(
      InetSocketAddress remote, RequestHead head, int status, long bodyBytes, long millis) {
    StringBuilder line = new StringBuilder(64);
    line.append(remote.getAddress() != null ? remote.getAddress().getHostAddress() : "-");
    line.append(" \"");
    Method method = head.method();
    line.append(method == null ? "-" : method.name()).append(' ');
    if (head.targetEnd() > head.targetStart()) {
      target(line, head.bytes(), head.targetStart(), head.targetEnd());
    } else {
      line.append('-');
    }
    line.append("\" ").append(status).append(' ').append(bodyBytes).append(' ').append(millis);
    return line.toString();
  }

  /** The target's bytes (ISO-8859-1), the first {@link #MAX_TARGET_CHARS}, escaped. */
  private static void target(StringBuilder line, byte[] bytes, int start, int end) {
    int stop = Math.min(end, start + MAX_TARGET_CHARS);
    for (int i = start; i < stop; i++) {
      int c = bytes[i] & 0xFF;
      if (c < 0x20 || c == 0x7F || c == '"' || c == '\\' || c >= 0x80) {
        line.append("\\x").append(HEX[c >> 4]).append(HEX[c & 15]);
      } else {
        line.append((char) c);
      }
    }
    if (end > stop) {
      line.append("...");
    }
  }
}
