package dev.pollux.http.internal.codec;

import dev.pollux.http.Method;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The parsed request line and header fields of one request, kept as offsets into one byte array
 * that the parser fills and reuses for every request of a connection: nothing is allocated per
 * request until a handler asks for a header as a {@code String}.
 *
 * <p>Owned by one connection's loop thread; valid from {@link ParseResult#HEAD_COMPLETE} until the
 * parser starts the next request.
 */
public final class RequestHead {

  /** No body length given (no Content-Length, not chunked). */
  public static final long NO_LENGTH = -1;

  private static final int FIELD_SLOTS = 4;

  /** The head array a connection starts with. */
  static final int INITIAL_BYTES = 256;

  /** Above this the array is replaced by a small one at the next request. */
  private static final int KEEP_BYTES = 4 * 1024;

  byte[] bytes;
  int length;
  Method method;
  int methodEnd;
  int targetStart;
  int targetEnd;
  int originStart; // where the origin form (path and query) starts: after an authority, if any
  int authorityStart; // an absolute-form target's authority, when authorityEnd > 0
  int authorityEnd;
  int version;
  int fieldCount;
  int[] fields = new int[16 * FIELD_SLOTS];
  long contentLength = NO_LENGTH;
  boolean chunked;
  boolean keepAlive;
  boolean expectContinue;

  RequestHead(int initialBytes) {
    bytes = new byte[initialBytes];
  }

  void reset() {
    if (bytes.length > KEEP_BYTES) {
      bytes = new byte[INITIAL_BYTES]; // one large head does not pin its array to the connection
    }
    length = 0;
    method = null;
    methodEnd = 0;
    targetStart = 0;
    targetEnd = 0;
    originStart = 0;
    authorityStart = 0;
    authorityEnd = 0;
    version = 0;
    fieldCount = 0;
    contentLength = NO_LENGTH;
    chunked = false;
    keepAlive = false;
    expectContinue = false;
  }

  /** The bytes held: the head array and the field offsets. */
  long heldBytes() {
    return bytes.length + 4L * fields.length;
  }

  /** Appends one byte; the parser checks its limits before, so growth is bounded. */
  void append(byte b) {
    if (length == bytes.length) {
      bytes = Arrays.copyOf(bytes, bytes.length * 2);
    }
    bytes[length++] = b;
  }

  void addField(int nameStart, int nameEnd, int valueStart, int valueEnd) {
    int slot = fieldCount * FIELD_SLOTS;
    if (slot == fields.length) {
      fields = Arrays.copyOf(fields, fields.length * 2);
    }
    fields[slot] = nameStart;
    fields[slot + 1] = nameEnd;
    fields[slot + 2] = valueStart;
    fields[slot + 3] = valueEnd;
    fieldCount++;
  }

  /** The method. */
  public Method method() {
    return method;
  }

  /** 11 for HTTP/1.1, 10 for HTTP/1.0. */
  public int version() {
    return version;
  }

  /**
   * The request target in origin form as sent, e.g. {@code /api/v1/sensors?x=1}: for an
   * absolute-form target ({@code http://host/temp}) the part after its authority, which may be
   * empty (meaning {@code /}).
   */
  public String target() {
    return new String(bytes, originStart, targetEnd - originStart, StandardCharsets.ISO_8859_1);
  }

  /** True when the target is in absolute form, with an {@link #authority()}. */
  public boolean hasAuthority() {
    return authorityEnd > 0;
  }

  /** The authority of an absolute-form target, e.g. {@code 127.0.0.1:8080}; else null. */
  public String authority() {
    return authorityEnd == 0 ? null : string(authorityStart, authorityEnd);
  }

  /** The raw bytes of the head; the target is at {@link #targetStart()}..{@link #targetEnd()}. */
  public byte[] bytes() {
    return bytes;
  }

  /** Where the target's origin form (path and query) starts in {@link #bytes()}. */
  public int targetStart() {
    return originStart;
  }

  /** Where the target ends in {@link #bytes()}. */
  public int targetEnd() {
    return targetEnd;
  }

  /** The body length from Content-Length, or {@link #NO_LENGTH} (also when chunked). */
  public long contentLength() {
    return contentLength;
  }

  /** True when the body is chunked. */
  public boolean chunked() {
    return chunked;
  }

  /** True when the connection may be kept open after this request (RFC 9112 §9.3). */
  public boolean keepAlive() {
    return keepAlive;
  }

  /** True when the client waits for {@code 100 Continue} before it sends the body. */
  public boolean expectContinue() {
    return expectContinue;
  }

  /** The number of header fields. */
  public int fieldCount() {
    return fieldCount;
  }

  /** The name of field {@code i} as sent. */
  public String fieldName(int i) {
    return string(fields[i * FIELD_SLOTS], fields[i * FIELD_SLOTS + 1]);
  }

  /** The value of field {@code i}, without surrounding whitespace. */
  public String fieldValue(int i) {
    return string(fields[i * FIELD_SLOTS + 2], fields[i * FIELD_SLOTS + 3]);
  }

  /** True when field {@code i} is named {@code lowerName} (lower case), ignoring case. */
  public boolean fieldIs(int i, String lowerName) {
    return Ascii.equalsIgnoreCase(
        bytes, fields[i * FIELD_SLOTS], fields[i * FIELD_SLOTS + 1], lowerName);
  }

  /**
   * The value of the first field named {@code name} (any case), or {@code null}. Header values are
   * decoded as ISO-8859-1, as RFC 9110 §5.5 treats obs-text as opaque bytes.
   */
  public String header(String name) {
    for (int i = 0; i < fieldCount; i++) {
      if (nameEquals(i, name)) {
        return fieldValue(i);
      }
    }
    return null;
  }

  private boolean nameEquals(int i, String name) {
    int start = fields[i * FIELD_SLOTS];
    int end = fields[i * FIELD_SLOTS + 1];
    if (end - start != name.length()) {
      return false;
    }
    for (int k = 0; k < name.length(); k++) {
      if (Ascii.lower(bytes[start + k]) != Ascii.lower(name.charAt(k))) {
        return false;
      }
    }
    return true;
  }

  int valueStart(int i) {
    return fields[i * FIELD_SLOTS + 2];
  }

  int valueEnd(int i) {
    return fields[i * FIELD_SLOTS + 3];
  }

  private String string(int start, int end) {
    return new String(bytes, start, end - start, StandardCharsets.ISO_8859_1);
  }
}
