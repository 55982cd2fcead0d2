package dev.pollux.server.hostile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Raw WebSocket bytes (RFC 6455) for hostile peers: the opening handshake with any {@code Origin},
 * masked client frames (section 5.3: a client masks every frame), frames that declare more than
 * they send, and reading the server's unmasked frames.
 */
final class WsFrames {

  /** A text frame of the server: its opcode and payload. */
  record Frame(int opcode, String text) {
    static final int TEXT = 0x1;
    static final int CLOSE = 0x8;
  }

  private static final byte[] MASK = {0x37, (byte) 0xfa, 0x21, 0x3d};

  private WsFrames() {}

  /** {@code GET /api/v1/ws} upgrading to a WebSocket; {@code origin} null sends none. */
  static String handshake(int port, String origin) {
    return "GET /api/v1/ws?sensor=thermal_zone0 HTTP/1.1\r\n"
        + "Host: 127.0.0.1:"
        + port
        + "\r\n"
        + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
        + (origin == null ? "" : "Origin: " + origin + "\r\n")
        + "\r\n";
  }

  /** Sends the handshake and returns the status of the answer (101 when upgraded). */
  static int open(Peer peer, int port, String origin, Duration deadline) throws IOException {
    peer.send(handshake(port, origin));
    return peer.readStatus(deadline);
  }

  /** A masked text frame, whole ({@code FIN} set), under 126 bytes. */
  static byte[] text(String message) {
    byte[] payload = message.getBytes(StandardCharsets.UTF_8);
    if (payload.length > 125) {
      throw new IllegalArgumentException("message longer than 125 bytes: " + payload.length);
    }
    byte[] frame = new byte[6 + payload.length];
    frame[0] = (byte) 0x81;
    frame[1] = (byte) (0x80 | payload.length);
    System.arraycopy(MASK, 0, frame, 2, 4);
    for (int i = 0; i < payload.length; i++) {
      frame[6 + i] = (byte) (payload[i] ^ MASK[i % 4]);
    }
    return frame;
  }

  /**
   * The head of a masked binary frame declaring {@code declared} payload bytes (126 to 65 535, the
   * 16-bit length of section 5.2) followed by only {@code sent} of them.
   */
  static byte[] declaring(int declared, int sent) {
    byte[] frame = new byte[8 + sent];
    frame[0] = (byte) 0x82;
    frame[1] = (byte) (0x80 | 126);
    frame[2] = (byte) (declared >>> 8);
    frame[3] = (byte) declared;
    System.arraycopy(MASK, 0, frame, 4, 4);
    for (int i = 0; i < sent; i++) {
      frame[8 + i] = (byte) ('x' ^ MASK[i % 4]);
    }
    return frame;
  }

  /** Reads one frame of the server (unmasked, RFC 6455 section 5.1). */
  static Frame read(Peer peer, Duration deadline) throws IOException {
    byte[] head = peer.readBytes(2, deadline);
    int opcode = head[0] & 0x0f;
    long length = head[1] & 0x7f;
    if (length == 126) {
      byte[] ext = peer.readBytes(2, deadline);
      length = ((ext[0] & 0xffL) << 8) | (ext[1] & 0xffL);
    } else if (length == 127) {
      byte[] ext = peer.readBytes(8, deadline);
      length = 0;
      for (byte b : ext) {
        length = (length << 8) | (b & 0xff);
      }
    }
    if (length > 1 << 20) {
      throw new IOException("a frame of " + length + " bytes from the server");
    }
    byte[] payload = peer.readBytes((int) length, deadline);
    return new Frame(opcode, new String(payload, StandardCharsets.UTF_8));
  }
}
