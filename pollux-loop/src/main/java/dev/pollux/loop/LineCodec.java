package dev.pollux.loop;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits a byte stream into lines ending {@code "\n"} or {@code "\r\n"}, decoded as UTF-8, each at
 * most {@code maxLineBytes} long (without its ending): {@code "temp\r\nlist\n"} gives {@code
 * "temp"} and {@code "list"}. One per connection; not thread-safe.
 *
 * <p>A line split over several reads is accumulated in one array that grows by doubling up to the
 * limit (plus one byte for a pending {@code \r}), so no input can make it buffer more. The limit is
 * checked before bytes are buffered: a line that passes it is reported at once, before its end
 * arrives, and the codec then ignores everything that follows.
 */
public final class LineCodec {

  /** Told of each complete line and of a line over the limit. */
  public interface Listener {

    /** A complete line, without its ending. */
    void onLine(String line);

    /** A line passed the limit; no more lines follow. */
    void onLineTooLong();
  }

  private static final int INITIAL_CAPACITY = 64;

  private final int maxLineBytes;
  private final Listener listener;

  /** The start of a line that has not ended yet; {@link #pending} bytes of it. */
  private byte[] partial = new byte[0];

  private int pending;
  private boolean failed;

  /** {@code maxLineBytes >= 1}, the longest line accepted, without its ending. */
  public LineCodec(int maxLineBytes, Listener listener) {
    if (maxLineBytes < 1) {
      throw new IllegalArgumentException("maxLineBytes < 1: " + maxLineBytes);
    }
    this.maxLineBytes = maxLineBytes;
    this.listener = listener;
  }

  /**
   * Consumes all of {@code data}, calling the listener once per complete line; after {@code
   * onLineTooLong} it consumes and ignores.
   */
  public void decode(ByteBuffer data) {
    while (data.hasRemaining() && !failed) {
      int start = data.position();
      int end = indexOfNewline(data, start, data.limit());
      int available = (end < 0 ? data.limit() : end) - start;
      if (overLimit(data, start, available)) {
        fail(data);
        return;
      }
      if (end < 0) {
        append(data, start, available);
        data.position(data.limit());
        return;
      }
      if (pending == 0) {
        emit(data, start, end);
      } else {
        append(data, start, available);
        emitPending();
      }
      data.position(end + 1);
    }
    if (failed) {
      data.position(data.limit());
    }
  }

  /**
   * Whether the line so far, {@code pending} bytes and {@code data[start, start + available)}, is
   * already too long: longer than the limit, except by one trailing '\r' that may turn out to be
   * the start of its "\r\n" ending.
   */
  private boolean overLimit(ByteBuffer data, int start, int available) {
    long total = (long) pending + available;
    if (total <= maxLineBytes) {
      return false;
    }
    byte last = available > 0 ? data.get(start + available - 1) : partial[pending - 1];
    return total > maxLineBytes + 1L || last != '\r';
  }

  private static int indexOfNewline(ByteBuffer data, int from, int to) {
    for (int i = from; i < to; i++) {
      if (data.get(i) == '\n') {
        return i;
      }
    }
    return -1;
  }

  private void append(ByteBuffer data, int start, int length) {
    if (pending + length > partial.length) {
      int capacity = Math.max(INITIAL_CAPACITY, partial.length);
      while (capacity < pending + length) {
        capacity *= 2;
      }
      partial = Arrays.copyOf(partial, Math.min(capacity, maxLineBytes + 1));
    }
    data.get(start, partial, pending, length);
    pending += length;
  }

  /** A line that lies whole in {@code data[start, end)}, {@code end} at its '\n'. */
  private void emit(ByteBuffer data, int start, int end) {
    int length = end - start;
    if (length > 0 && data.get(end - 1) == '\r') {
      length--;
    }
    if (length > maxLineBytes) {
      fail(data);
      return;
    }
    String line;
    if (data.hasArray()) {
      line = new String(data.array(), data.arrayOffset() + start, length, StandardCharsets.UTF_8);
    } else {
      byte[] bytes = new byte[length];
      data.get(start, bytes);
      line = new String(bytes, StandardCharsets.UTF_8);
    }
    listener.onLine(line);
  }

  private void emitPending() {
    int length = pending;
    if (length > 0 && partial[length - 1] == '\r') {
      length--;
    }
    pending = 0;
    if (length > maxLineBytes) {
      failed = true;
      listener.onLineTooLong();
      return;
    }
    listener.onLine(new String(partial, 0, length, StandardCharsets.UTF_8));
  }

  private void fail(ByteBuffer data) {
    failed = true;
    pending = 0;
    data.position(data.limit());
    listener.onLineTooLong();
  }
}
