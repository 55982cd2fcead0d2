package dev.pollux.http.internal.websocket;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * An incremental parser of WebSocket frames sent by a client (RFC 6455 §5.2), e.g. the bytes {@code
 * 81 85 37 fa 21 3d 7f 9f 4d 51 58} (a masked, final text frame "Hello"). It consumes what it can
 * and returns; any split of the input gives the same frames. The payload is unmasked as it is
 * copied, and its length is checked against {@link #budget(long)} (data) or 125 bytes (control)
 * before a byte of it is buffered. Memory follows the bytes received, never the length declared:
 * the payload array starts at what the current read holds and doubles as more arrives, up to the
 * declared length, so a frame declaring 65 535 bytes of which 4 came holds 4 bytes.
 *
 * <p>After {@link Result#FRAME}, {@link #fin()}, {@link #opcode()} and {@link #payload()} describe
 * the frame until the next {@link #parse}. Loop thread only.
 */
final class FrameParser {

  static final int CONTINUATION = 0x0;
  static final int TEXT = 0x1;
  static final int BINARY = 0x2;
  static final int CLOSE = 0x8;
  static final int PING = 0x9;
  static final int PONG = 0xA;

  /** RFC 6455 §5.5: control frames carry at most 125 bytes. */
  static final int MAX_CONTROL_PAYLOAD = 125;

  /** What a call to {@link #parse} found. */
  sealed interface Result {
    Result NEED_MORE = new NeedMore();
    Result FRAME = new Frame();
  }

  /** All input is used and no frame is complete. */
  record NeedMore() implements Result {}

  /** A frame is complete. */
  record Frame() implements Result {}

  /** The client broke the protocol; {@code code} is the close code to answer with. Final. */
  record Invalid(int code, String reason) implements Result {}

  private enum State {
    HEADER_FIRST,
    HEADER_SECOND,
    EXTENDED_LENGTH,
    MASKING_KEY,
    PAYLOAD,
    FAILED
  }

  private static final byte[] EMPTY = new byte[0];

  private State state = State.HEADER_FIRST;
  private boolean fin;
  private int opcode;
  private long length;
  private int lengthBytesLeft;
  private final byte[] mask = new byte[4];
  private int maskBytes;
  private byte[] payload = EMPTY;
  private int payloadFilled;
  private long budget = Long.MAX_VALUE;

  /** The most payload bytes the next data frame may carry (1009 beyond); set by the session. */
  void budget(long bytes) {
    budget = bytes;
  }

  boolean fin() {
    return fin;
  }

  int opcode() {
    return opcode;
  }

  /** The unmasked payload of the frame just completed; owned by the caller. */
  byte[] payload() {
    return payload;
  }

  /** Parses from {@code in}'s position; consumes exactly the bytes of at most one frame. */
  Result parse(ByteBuffer in) {
    while (in.hasRemaining()) {
      Result result =
          switch (state) {
            case HEADER_FIRST -> first(in.get());
            case HEADER_SECOND -> second(in.get());
            case EXTENDED_LENGTH -> extendedLength(in.get());
            case MASKING_KEY -> maskingKey(in.get());
            case PAYLOAD -> payload(in);
            case FAILED -> throw new IllegalStateException("parse after an invalid frame");
          };
      if (result != null) {
        return result;
      }
    }
    return Result.NEED_MORE;
  }

  private Result first(byte b) {
    if ((b & 0x70) != 0) {
      return fail(1002, "reserved bits set without an extension");
    }
    fin = (b & 0x80) != 0;
    opcode = b & 0x0F;
    boolean known =
        opcode == CONTINUATION || opcode == TEXT || opcode == BINARY || isControl(opcode);
    if (!known) {
      return fail(1002, "unknown opcode");
    }
    if (isControl(opcode) && !fin) {
      return fail(1002, "fragmented control frame");
    }
    state = State.HEADER_SECOND;
    return null;
  }

  private Result second(byte b) {
    if ((b & 0x80) == 0) {
      return fail(1002, "unmasked client frame"); // RFC 6455 §5.1
    }
    int length7 = b & 0x7F;
    if (length7 == 126 || length7 == 127) {
      if (isControl(opcode)) {
        return fail(1002, "control frame too long");
      }
      length = 0;
      lengthBytesLeft = length7 == 126 ? 2 : 8;
      state = State.EXTENDED_LENGTH;
      return null;
    }
    length = length7;
    return lengthKnown();
  }

  private Result extendedLength(byte b) {
    if (lengthBytesLeft == 8 && (b & 0x80) != 0) {
      return fail(1002, "frame length with the most significant bit set"); // §5.2
    }
    length = (length << 8) | (b & 0xFF);
    return --lengthBytesLeft == 0 ? lengthKnown() : null;
  }

  private Result lengthKnown() {
    if (isControl(opcode) ? length > MAX_CONTROL_PAYLOAD : length > budget) {
      return fail(isControl(opcode) ? 1002 : 1009, "frame too long");
    }
    maskBytes = 0;
    state = State.MASKING_KEY;
    return null;
  }

  private Result maskingKey(byte b) {
    mask[maskBytes++] = b;
    if (maskBytes < 4) {
      return null;
    }
    payload = EMPTY; // grown as payload bytes arrive
    payloadFilled = 0;
    state = State.PAYLOAD;
    return length == 0 ? frameDone() : null;
  }

  private Result payload(ByteBuffer in) {
    int count = (int) Math.min(in.remaining(), length - payloadFilled);
    ensure(payloadFilled + count);
    in.get(payload, payloadFilled, count);
    for (int i = payloadFilled; i < payloadFilled + count; i++) {
      payload[i] ^= mask[i & 3];
    }
    payloadFilled += count;
    return payloadFilled == length ? frameDone() : null;
  }

  /**
   * Room for {@code needed} payload bytes: doubling, never past the declared length, so that the
   * array is exactly the payload once the frame is complete.
   */
  private void ensure(int needed) {
    if (needed > payload.length) {
      long grown = Math.max(needed, 2L * payload.length);
      payload = Arrays.copyOf(payload, (int) Math.min(grown, length));
    }
  }

  /** The payload bytes buffered for the frame being received, for the connection's accounting. */
  long heldBytes() {
    return state == State.PAYLOAD ? payload.length : 0;
  }

  private Result frameDone() {
    state = State.HEADER_FIRST;
    return Result.FRAME;
  }

  private Result fail(int code, String reason) {
    state = State.FAILED;
    return new Invalid(code, reason);
  }

  static boolean isControl(int opcode) {
    return opcode == CLOSE || opcode == PING || opcode == PONG;
  }
}
