package dev.pollux.http.internal.websocket;

import java.nio.charset.StandardCharsets;

/**
 * Encodes the server's WebSocket frames (RFC 6455 §5.2): final, unmasked, e.g. {@code 81 05 48 65
 * 6c 6c 6f} for the text "Hello". A message goes out as one frame.
 */
final class FrameEncoder {

  private FrameEncoder() {}

  /** One final frame with {@code opcode} and {@code payload}. */
  static byte[] frame(int opcode, byte[] payload) {
    int length = payload.length;
    int header = length < 126 ? 2 : length <= 0xFFFF ? 4 : 10;
    byte[] frame = new byte[header + length];
    frame[0] = (byte) (0x80 | opcode);
    if (length < 126) {
      frame[1] = (byte) length;
    } else if (length <= 0xFFFF) {
      frame[1] = 126;
      frame[2] = (byte) (length >>> 8);
      frame[3] = (byte) length;
    } else {
      frame[1] = 127;
      for (int i = 0; i < 8; i++) {
        frame[2 + i] = (byte) ((long) length >>> (56 - 8 * i));
      }
    }
    System.arraycopy(payload, 0, frame, header, length);
    return frame;
  }

  /** A close frame with {@code code} and {@code reason}, or an empty one for code 1005. */
  static byte[] close(int code, String reason) {
    if (code == 1005) {
      return frame(FrameParser.CLOSE, new byte[0]);
    }
    byte[] text = reason.getBytes(StandardCharsets.UTF_8);
    byte[] payload = new byte[2 + text.length];
    payload[0] = (byte) (code >>> 8);
    payload[1] = (byte) code;
    System.arraycopy(text, 0, payload, 2, text.length);
    return frame(FrameParser.CLOSE, payload);
  }
}
