package dev.pollux.http.internal.codec;

import dev.pollux.loop.Connection;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.atomic.LongAdder;

/**
 * The batch of encoded responses a connection writes in one go: the response heads and small bodies
 * of a pipelined batch are gathered here and handed to the loop as one buffer, so that a batch of
 * small responses costs one allocation, not one per response. {@link ResponseHead} encodes into it.
 *
 * <p>Loop thread only.
 */
public final class ResponseBatch {

  private static final int INITIAL_BYTES = 512;

  /** Bodies up to this size are copied next to their head; larger ones are handed over. */
  private static final int GATHER_BYTES = 8 * 1024;

  private static final byte[] LAST_CHUNK = {'0', '\r', '\n', '\r', '\n'};

  /** Above this a buffer is released after a flush, so a large batch does not pin its array. */
  private static final int KEEP_BYTES = 16 * 1024;

  /**
   * Above this a buffer is released when the batch is unbound, so a spare batch holds little; below
   * it a busy pipelining connection (16 small responses: about 2.5 KiB) takes the same array back.
   */
  private static final int KEEP_UNBOUND_BYTES = 8 * 1024;

  private final LongAdder bytesSent; // the server's count of bytes handed to the loop
  private Connection connection; // where the bytes go; null while unbound
  private byte[] bytes;
  private int length;

  /** A batch that counts what it hands over in {@code bytesSent}; {@link #bind} it before use. */
  public ResponseBatch(LongAdder bytesSent) {
    this.bytesSent = bytesSent;
  }

  /** A batch that hands its bytes to {@code connection} and counts them in {@code bytesSent}. */
  public ResponseBatch(Connection connection, LongAdder bytesSent) {
    this(bytesSent);
    bind(connection);
  }

  /** From now on the bytes go to {@code connection}. */
  public void bind(Connection connection) {
    this.connection = connection;
  }

  /**
   * Lets go of the connection and of what was gathered and not flushed; keeps a small array for the
   * next connection the batch is lent to.
   */
  public void unbind() {
    connection = null;
    length = 0;
    if (bytes != null && bytes.length > KEEP_UNBOUND_BYTES) {
      bytes = null;
    }
  }

  void ascii(String s) {
    ensure(s.length());
    for (int i = 0; i < s.length(); i++) {
      bytes[length++] = (byte) s.charAt(i);
    }
  }

  public void bytes(byte[] b) {
    bytes(b, 0, b.length);
  }

  void bytes(byte[] b, int offset, int count) {
    ensure(count);
    System.arraycopy(b, offset, bytes, length, count);
    length += count;
  }

  void bytes(ByteBuffer b) {
    int count = b.remaining();
    ensure(count);
    b.get(b.position(), bytes, length, count);
    length += count;
  }

  /** Writes a non-negative number in decimal without making a string. */
  void decimal(long value) {
    int digits = 1;
    for (long v = value; v >= 10; v /= 10) {
      digits++;
    }
    ensure(digits);
    long v = value;
    for (int i = length + digits - 1; i >= length; i--) {
      bytes[i] = (byte) ('0' + v % 10);
      v /= 10;
    }
    length += digits;
  }

  /** Writes a non-negative number in hex (a chunk size) without making a string. */
  void hex(long value) {
    int digits = 1;
    for (long v = value; v >= 16; v >>>= 4) {
      digits++;
    }
    ensure(digits);
    long v = value;
    for (int i = length + digits - 1; i >= length; i--) {
      bytes[i] = (byte) Character.forDigit((int) (v & 15), 16);
      v >>>= 4;
    }
    length += digits;
  }

  void crlf() {
    ensure(2);
    bytes[length++] = '\r';
    bytes[length++] = '\n';
  }

  public int length() {
    return length;
  }

  /** A response body: gathered when small, else handed over without a copy. */
  public void body(ByteBuffer body) {
    if (body.remaining() <= GATHER_BYTES) {
      bytes(body);
    } else {
      flushThen(body);
    }
  }

  /** A response body: gathered when small, else handed over without a copy. */
  public void body(byte[] body) {
    if (body.length <= GATHER_BYTES) {
      bytes(body);
    } else {
      flushThen(ByteBuffer.wrap(body));
    }
  }

  /** One chunk (RFC 9112 §7.1) of a non-empty body piece, or the raw bytes when not chunked. */
  public void chunk(byte[] piece, boolean chunked) {
    if (chunked) {
      hex(piece.length);
      crlf();
    }
    body(piece);
    if (chunked) {
      crlf();
    }
  }

  /** The last chunk with an empty trailer section. */
  public void lastChunk() {
    bytes(LAST_CHUNK);
  }

  /** The bytes of the array this batch keeps, for the connection's memory accounting. */
  public int heldBytes() {
    return bytes == null ? 0 : bytes.length;
  }

  /** Hands what is gathered to the connection. */
  public void flush() {
    if (length == 0) {
      return;
    }
    bytesSent.add(length);
    connection.write(ByteBuffer.wrap(Arrays.copyOf(bytes, length)));
    length = 0;
    if (bytes.length > KEEP_BYTES) {
      bytes = null;
    }
  }

  /** Hands a large body over without copying it, after what is gathered. */
  void flushThen(ByteBuffer body) {
    flush();
    bytesSent.add(body.remaining());
    connection.write(body);
  }

  private void ensure(int count) {
    if (bytes == null) {
      bytes = new byte[Math.max(INITIAL_BYTES, count)];
    } else if (length + count > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + count));
    }
  }
}
