package dev.pollux.http.internal.codec;

import dev.pollux.http.Method;
import dev.pollux.http.internal.codec.ParseResult.Invalid;
import java.nio.ByteBuffer;

/**
 * An incremental HTTP/1.1 request parser (RFC 9112), fed whatever bytes a read brought: a request
 * line like {@code GET /temp HTTP/1.1}, header fields, then a body framed by Content-Length or
 * chunked. Any split of the input gives the same results, and one buffer may hold many pipelined
 * requests: {@link #parse} stops after each {@link ParseResult#COMPLETE}, leaving the rest in the
 * buffer.
 *
 * <p>Design: bytes are examined one at a time with no regular expression and no allocation for a
 * valid request; the head's bytes are copied once into a {@link RequestHead} that is reused for
 * every request of the connection, and body bytes are not copied at all but reported as a region of
 * the input ({@link #contentOffset()}, {@link #contentLength()}). Each limit is checked before the
 * byte that would pass it is kept. After an {@link Invalid} the parser stays failed: the connection
 * answers once and closes, so bytes after a malformed request (a smuggled one) are never parsed.
 *
 * <p>Used by one connection at a time, on its loop thread only.
 */
public final class RequestParser {

  private enum State {
    REQUEST_START,
    LEADING_LF,
    METHOD,
    TARGET,
    VERSION,
    REQUEST_LINE_LF,
    FIELD_START,
    FIELD_NAME,
    FIELD_VALUE_START,
    FIELD_VALUE,
    FIELD_LF,
    HEAD_END_LF,
    BODY,
    MESSAGE_END,
    FAILED
  }

  private static final int VERSION_BYTES = 8; // "HTTP/1.1"

  private final ParserLimits limits;
  private final RequestHead head = new RequestHead(256);
  private final BodyParser body;
  private final Framing.Scan scan = new Framing.Scan();
  private State state = State.REQUEST_START;
  private int leadingBytes;
  private int versionStart;
  private int headerBytes;
  private int nameStart;
  private int nameEnd;
  private int valueStart;
  private int valueEnd;
  private Invalid failure;
  private boolean resetPending;

  /** A parser enforcing {@code limits}. */
  public RequestParser(ParserLimits limits) {
    this.limits = limits;
    this.body = new BodyParser(limits);
  }

  /** The head of the current request, complete after {@link ParseResult#HEAD_COMPLETE}. */
  public RequestHead head() {
    return head;
  }

  /** Where the body bytes of the last {@link ParseResult#CONTENT} start in the input buffer. */
  public int contentOffset() {
    return body.contentOffset;
  }

  /** How many body bytes the last {@link ParseResult#CONTENT} reported. */
  public int contentLength() {
    return body.contentLength;
  }

  /**
   * Lowers the current request's body limit to {@code bytes} (its route's), after {@link
   * ParseResult#HEAD_COMPLETE}: a chunked body that passes it is {@code 413} when it does. A
   * declared Content-Length the caller checks itself, before reading the body.
   */
  public void limitBody(long bytes) {
    body.limit(bytes);
  }

  /** The bytes this parser holds: its head array (bounded by the head limits). */
  public long heldBytes() {
    return head.heldBytes();
  }

  /**
   * Forgets the request in progress, or a failure, and the last request's head: the parser is as
   * new, for the next connection it serves (a parser is lent from connection to connection).
   */
  public void reset() {
    state = State.REQUEST_START;
    leadingBytes = 0;
    headerBytes = 0;
    failure = null;
    resetPending = false;
    head.reset();
  }

  /** True between messages: no byte of a next request has been seen. */
  public boolean idle() {
    return state == State.REQUEST_START && leadingBytes == 0;
  }

  /** True while the request line or header section is being read. */
  public boolean readingHead() {
    return switch (state) {
      case BODY, MESSAGE_END, FAILED -> false;
      default -> !idle();
    };
  }

  /**
   * Consumes bytes of {@code in} from its position and says what they completed; the position is
   * left after the last byte used. Returns {@link ParseResult#NEED_MORE} only when {@code in} is
   * used up.
   */
  public ParseResult parse(ByteBuffer in) {
    while (true) {
      ParseResult result =
          switch (state) {
            case REQUEST_START, LEADING_LF, METHOD, TARGET, VERSION, REQUEST_LINE_LF ->
                requestLine(in);
            case FIELD_START, FIELD_NAME, FIELD_VALUE_START, FIELD_VALUE, FIELD_LF, HEAD_END_LF ->
                fieldLines(in);
            case BODY -> body(in);
            case MESSAGE_END -> complete();
            case FAILED -> failure;
          };
      if (result != null) {
        return result;
      }
    }
  }

  private ParseResult requestLine(ByteBuffer in) {
    if (resetPending && in.hasRemaining()) {
      // The last request's head stays readable until the next request's first byte arrives.
      head.reset();
      resetPending = false;
    }
    while (in.hasRemaining()) {
      byte b = in.get();
      Invalid invalid =
          switch (state) {
            case REQUEST_START -> requestStart(b);
            case LEADING_LF ->
                b == Ascii.LF ? to(State.REQUEST_START) : fail(400, "bare CR before request line");
            case METHOD -> method(b);
            case TARGET -> target(b);
            case VERSION -> version(b);
            default -> requestLineEnd(b);
          };
      if (invalid != null) {
        return invalid;
      }
      if (state == State.FIELD_START) {
        return null;
      }
    }
    return ParseResult.NEED_MORE;
  }

  private Invalid requestStart(byte b) {
    // RFC 9112 §2.2: a server SHOULD ignore at least one empty line before the request line.
    if (b == Ascii.CR && ++leadingBytes <= limits.maxRequestLineBytes()) {
      return to(State.LEADING_LF);
    }
    return b == Ascii.CR ? fail(400, "too many empty lines") : methodByte(b);
  }

  private Invalid method(byte b) {
    if (b == Ascii.SP) {
      head.methodEnd = head.length;
      if (head.methodEnd == 0) {
        return fail(400, "empty method");
      }
      // An unknown method is 501 only once the line proves to be a request line (RFC 9110
      // §15.6.2): until then it is null, and a line like "THIS IS NOT HTTP" stays a 400.
      head.method = Method.of(head.bytes, 0, head.methodEnd);
      head.targetStart = head.length;
      return to(State.TARGET);
    }
    return methodByte(b);
  }

  private Invalid methodByte(byte b) {
    if (!Ascii.isToken(b)) {
      return fail(400, "invalid method");
    }
    state = State.METHOD;
    return keepRequestLineByte(b);
  }

  private Invalid target(byte b) {
    if (b == Ascii.SP) {
      head.targetEnd = head.length;
      if (!validTarget()) {
        return fail(400, "invalid request target");
      }
      if (!wellFormedEscapes()) {
        return fail(400, "malformed percent-encoding in the request target");
      }
      head.originStart = head.authorityEnd > 0 ? head.authorityEnd : head.targetStart;
      versionStart = head.length;
      return to(State.VERSION);
    }
    if (!Ascii.isTarget(b)) {
      return fail(400, "invalid request target");
    }
    return keepRequestLineByte(b);
  }

  /**
   * Origin form ({@code /path?query}), {@code *} for OPTIONS, or absolute form ({@code
   * http://host:port/path}, which RFC 9112 §3.2.2 says a server MUST accept).
   */
  private boolean validTarget() {
    int length = head.targetEnd - head.targetStart;
    if (length == 0) {
      return false;
    }
    byte first = head.bytes[head.targetStart];
    if (first == '/') {
      return true;
    }
    if (first == '*') {
      return length == 1 && head.method == Method.OPTIONS;
    }
    return absoluteForm();
  }

  /**
   * Whether every {@code %} of the target starts an escape of two hex digits (RFC 3986 §2.1):
   * {@code /te%zzmp} or a target ending in {@code %4} is no URI, and a request for one is refused
   * like any other malformed request line, not looked up as written.
   */
  private boolean wellFormedEscapes() {
    byte[] b = head.bytes;
    for (int i = head.targetStart; i < head.targetEnd; i++) {
      if (b[i] == '%') {
        if (i + 2 >= head.targetEnd || Ascii.hex(b[i + 1]) < 0 || Ascii.hex(b[i + 2]) < 0) {
          return false;
        }
        i += 2;
      }
    }
    return true;
  }

  /**
   * An absolute-form target with scheme {@code http} or {@code https} (any case) and a non-empty
   * authority without user information (RFC 9110 §4.2.4); records where its authority is, which
   * stands in for Host (§3.2.2: the target's wins).
   */
  private boolean absoluteForm() {
    byte[] b = head.bytes;
    int end = head.targetEnd;
    int colon = head.targetStart;
    while (colon < end && b[colon] != ':') {
      colon++;
    }
    boolean http =
        Ascii.equalsIgnoreCase(b, head.targetStart, colon, "http")
            || Ascii.equalsIgnoreCase(b, head.targetStart, colon, "https");
    if (!http || colon + 3 > end || b[colon + 1] != '/' || b[colon + 2] != '/') {
      return false;
    }
    int authorityEnd = colon + 3;
    while (authorityEnd < end && b[authorityEnd] != '/' && b[authorityEnd] != '?') {
      if (b[authorityEnd] == '@' || b[authorityEnd] == '#') {
        return false;
      }
      authorityEnd++;
    }
    if (authorityEnd == colon + 3) {
      return false;
    }
    head.authorityStart = colon + 3;
    head.authorityEnd = authorityEnd;
    return true;
  }

  private Invalid version(byte b) {
    if (b == Ascii.CR) {
      return versionEnd();
    }
    if (head.length - versionStart >= VERSION_BYTES) {
      return fail(400, "invalid HTTP version");
    }
    return keepRequestLineByte(b);
  }

  private Invalid versionEnd() {
    byte[] v = head.bytes;
    int s = versionStart;
    if (head.length - s != VERSION_BYTES
        || v[s] != 'H'
        || v[s + 1] != 'T'
        || v[s + 2] != 'T'
        || v[s + 3] != 'P'
        || v[s + 4] != '/'
        || !digit(v[s + 5])
        || v[s + 6] != '.'
        || !digit(v[s + 7])) {
      return fail(400, "invalid HTTP version");
    }
    if (v[s + 5] != '1' || (v[s + 7] != '1' && v[s + 7] != '0')) {
      return fail(505, "HTTP version not supported");
    }
    if (head.method == null) {
      return fail(501, "unknown method");
    }
    head.version = v[s + 7] == '1' ? 11 : 10;
    return to(State.REQUEST_LINE_LF);
  }

  private Invalid requestLineEnd(byte b) {
    return b == Ascii.LF ? to(State.FIELD_START) : fail(400, "bare CR in request line");
  }

  private Invalid keepRequestLineByte(byte b) {
    if (head.length >= limits.maxRequestLineBytes()) {
      return fail(414, "request line too long");
    }
    head.append(b);
    return null;
  }

  private ParseResult fieldLines(ByteBuffer in) {
    while (in.hasRemaining()) {
      if (++headerBytes > limits.maxHeaderBytes()) {
        return fail(431, "header section too large");
      }
      byte b = in.get();
      Invalid invalid =
          switch (state) {
            case FIELD_START -> fieldStart(b);
            case FIELD_NAME -> fieldName(b);
            case FIELD_VALUE_START -> fieldValueStart(b);
            case FIELD_VALUE -> fieldValue(b);
            case FIELD_LF -> fieldEnd(b);
            default -> b == Ascii.LF ? headEnd() : fail(400, "bare CR in header section");
          };
      if (invalid != null) {
        return invalid;
      }
      if (state == State.BODY || state == State.MESSAGE_END) {
        return ParseResult.HEAD_COMPLETE;
      }
    }
    return ParseResult.NEED_MORE;
  }

  private Invalid fieldStart(byte b) {
    if (b == Ascii.CR) {
      return to(State.HEAD_END_LF);
    }
    if (b == Ascii.SP || b == Ascii.HT) {
      // RFC 9112 §5.2: obsolete line folding; a server MUST reject it (or replace it) — we reject.
      return fail(400, "obsolete line folding");
    }
    if (!Ascii.isToken(b)) {
      return fail(400, "invalid header name");
    }
    nameStart = head.length;
    head.append(b);
    return to(State.FIELD_NAME);
  }

  private Invalid fieldName(byte b) {
    if (b == ':') {
      nameEnd = head.length;
      head.append(b);
      return to(State.FIELD_VALUE_START);
    }
    if (b == Ascii.SP || b == Ascii.HT) {
      // RFC 9112 §5.1: whitespace between name and colon MUST be rejected with 400.
      return fail(400, "whitespace before colon");
    }
    if (!Ascii.isToken(b)) {
      return fail(400, "invalid header name");
    }
    head.append(b);
    return null;
  }

  private Invalid fieldValueStart(byte b) {
    if (b == Ascii.SP || b == Ascii.HT) {
      return null;
    }
    valueStart = head.length;
    valueEnd = head.length;
    if (b == Ascii.CR) {
      return to(State.FIELD_LF);
    }
    state = State.FIELD_VALUE;
    return fieldValue(b);
  }

  private Invalid fieldValue(byte b) {
    if (b == Ascii.CR) {
      return to(State.FIELD_LF);
    }
    if (!Ascii.isFieldValue(b)) {
      return fail(400, "invalid header value");
    }
    head.append(b);
    if (b != Ascii.SP && b != Ascii.HT) {
      valueEnd = head.length;
    }
    return null;
  }

  private Invalid fieldEnd(byte b) {
    if (b != Ascii.LF) {
      return fail(400, "bare CR in header field");
    }
    if (head.fieldCount >= limits.maxHeaderFields()) {
      return fail(431, "too many header fields");
    }
    head.addField(nameStart, nameEnd, valueStart, valueEnd);
    return to(State.FIELD_START);
  }

  private Invalid headEnd() {
    Invalid invalid = Framing.decide(head, limits, scan);
    if (invalid != null) {
      return fail(invalid);
    }
    if (head.chunked) {
      body.startChunked();
      return to(State.BODY);
    }
    if (head.contentLength > 0) {
      body.startFixed(head.contentLength);
      return to(State.BODY);
    }
    return to(State.MESSAGE_END);
  }

  private ParseResult body(ByteBuffer in) {
    ParseResult result = body.parse(in);
    if (result instanceof Invalid invalid) {
      return fail(invalid);
    }
    if (result instanceof ParseResult.Complete) {
      state = State.MESSAGE_END;
      return null;
    }
    return result;
  }

  private ParseResult complete() {
    resetPending = true;
    state = State.REQUEST_START;
    leadingBytes = 0;
    headerBytes = 0;
    return ParseResult.COMPLETE;
  }

  private Invalid to(State next) {
    state = next;
    return null;
  }

  private Invalid fail(int status, String reason) {
    return fail(new Invalid(status, reason));
  }

  private Invalid fail(Invalid invalid) {
    state = State.FAILED;
    failure = invalid;
    return invalid;
  }

  private static boolean digit(byte b) {
    return b >= '0' && b <= '9';
  }
}
