package dev.pollux.http.internal.codec;

import dev.pollux.http.internal.codec.ParseResult.Invalid;
import java.nio.ByteBuffer;

/**
 * The body part of {@link RequestParser}: a fixed number of bytes, or a chunked body like {@code
 * 5\r\nhello\r\n0\r\n\r\n} (RFC 9112 §7.1) with its extensions and trailer section. Body bytes are
 * never copied: each {@link ParseResult#CONTENT} names a region of the input.
 */
final class BodyParser {

  private enum State {
    FIXED,
    CHUNK_SIZE,
    CHUNK_SIZE_BWS,
    CHUNK_EXTENSION,
    CHUNK_SIZE_LF,
    CHUNK_DATA,
    CHUNK_DATA_CR,
    CHUNK_DATA_LF,
    TRAILER_START,
    TRAILER_LINE,
    TRAILER_LINE_LF,
    TRAILER_END_LF
  }

  /** More hex digits than this is not a chunk size any body limit allows. */
  private static final int MAX_CHUNK_SIZE_DIGITS = 15;

  /** Bound on one chunk line's extensions, which this server reads and ignores. */
  private static final int MAX_EXTENSION_BYTES = 4096;

  private final ParserLimits limits;
  private State state;
  private long remaining;
  private long received;
  private long maxBytes; // this request's body limit: the server's, or its route's when smaller
  private int digits;
  private int lineBytes;
  private int trailerBytes;
  int contentOffset;
  int contentLength;

  BodyParser(ParserLimits limits) {
    this.limits = limits;
  }

  void startFixed(long length) {
    state = State.FIXED;
    remaining = length;
    received = 0;
    maxBytes = limits.maxBodyBytes();
  }

  void startChunked() {
    state = State.CHUNK_SIZE;
    remaining = 0;
    received = 0;
    digits = 0;
    trailerBytes = 0;
    maxBytes = limits.maxBodyBytes();
  }

  /** Lowers this request's body limit to {@code bytes} (a route's), checked as chunks arrive. */
  void limit(long bytes) {
    maxBytes = Math.min(maxBytes, bytes);
  }

  /** CONTENT, NEED_MORE, COMPLETE (body done) or an Invalid. */
  ParseResult parse(ByteBuffer in) {
    if (state == null) {
      return ParseResult.COMPLETE;
    }
    if (state == State.FIXED || state == State.CHUNK_DATA) {
      return data(in);
    }
    while (in.hasRemaining()) {
      byte b = in.get();
      Invalid invalid =
          switch (state) {
            case CHUNK_SIZE, CHUNK_SIZE_BWS, CHUNK_EXTENSION, CHUNK_SIZE_LF -> chunkLine(b);
            case CHUNK_DATA_CR ->
                b == Ascii.CR ? to(State.CHUNK_DATA_LF) : fail(400, "chunk data too long");
            case CHUNK_DATA_LF ->
                b == Ascii.LF ? to(State.CHUNK_SIZE) : fail(400, "bare CR after chunk data");
            default -> trailer(b);
          };
      if (invalid != null) {
        return invalid;
      }
      if (state == State.CHUNK_DATA) {
        return data(in);
      }
      if (state == null) {
        return ParseResult.COMPLETE;
      }
    }
    return ParseResult.NEED_MORE;
  }

  private ParseResult data(ByteBuffer in) {
    if (!in.hasRemaining()) {
      return ParseResult.NEED_MORE;
    }
    int n = (int) Math.min(remaining, in.remaining());
    contentOffset = in.position();
    contentLength = n;
    in.position(contentOffset + n);
    remaining -= n;
    if (remaining == 0) {
      state = state == State.FIXED ? null : State.CHUNK_DATA_CR;
    }
    return ParseResult.CONTENT;
  }

  private Invalid chunkLine(byte b) {
    return switch (state) {
      case CHUNK_SIZE -> chunkSize(b);
      case CHUNK_SIZE_BWS ->
          b == ';'
              ? to(State.CHUNK_EXTENSION)
              : b == Ascii.SP || b == Ascii.HT ? null : fail(400, "invalid chunk size");
      case CHUNK_EXTENSION -> extension(b);
      default -> b == Ascii.LF ? chunkSizeEnd() : fail(400, "bare CR in chunk size line");
    };
  }

  private Invalid chunkSize(byte b) {
    int value = Ascii.hex(b);
    if (value >= 0) {
      if (++digits > MAX_CHUNK_SIZE_DIGITS) {
        return fail(400, "invalid chunk size");
      }
      remaining = remaining * 16 + value;
      return null;
    }
    if (digits == 0) {
      return fail(400, "invalid chunk size");
    }
    lineBytes = 0;
    return switch (b) {
      case Ascii.CR -> to(State.CHUNK_SIZE_LF);
      case ';' -> to(State.CHUNK_EXTENSION);
      case Ascii.SP, Ascii.HT -> to(State.CHUNK_SIZE_BWS);
      default -> fail(400, "invalid chunk size");
    };
  }

  private Invalid extension(byte b) {
    if (b == Ascii.CR) {
      return to(State.CHUNK_SIZE_LF);
    }
    if (++lineBytes > MAX_EXTENSION_BYTES) {
      return fail(400, "chunk extension too long");
    }
    return Ascii.isFieldValue(b) ? null : fail(400, "invalid chunk extension");
  }

  private Invalid chunkSizeEnd() {
    digits = 0;
    if (remaining == 0) {
      return to(State.TRAILER_START);
    }
    received += remaining;
    if (received > maxBytes) {
      return fail(413, "body too large");
    }
    return to(State.CHUNK_DATA);
  }

  /** The trailer section (RFC 9112 §7.1.2): read, bounded, checked for framing, and discarded. */
  private Invalid trailer(byte b) {
    if (++trailerBytes > limits.maxHeaderBytes()) {
      return fail(431, "trailer section too large");
    }
    return switch (state) {
      case TRAILER_START ->
          b == Ascii.CR
              ? to(State.TRAILER_END_LF)
              : b == Ascii.SP || b == Ascii.HT
                  ? fail(400, "obsolete line folding")
                  : Ascii.isToken(b) ? to(State.TRAILER_LINE) : fail(400, "invalid trailer");
      case TRAILER_LINE ->
          b == Ascii.CR
              ? to(State.TRAILER_LINE_LF)
              : Ascii.isFieldValue(b) || b == ':' ? null : fail(400, "invalid trailer");
      case TRAILER_LINE_LF -> b == Ascii.LF ? to(State.TRAILER_START) : fail(400, "bare CR");
      default -> b == Ascii.LF ? to(null) : fail(400, "bare CR after last chunk");
    };
  }

  private Invalid to(State next) {
    state = next;
    return null;
  }

  private static Invalid fail(int status, String reason) {
    return new Invalid(status, reason);
  }
}
