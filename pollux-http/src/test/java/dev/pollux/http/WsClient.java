package dev.pollux.http;

import dev.pollux.http.internal.websocket.FrameParserTestSupport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * A raw WebSocket client for tests: sends a handshake and exact (masked, or deliberately unmasked)
 * frames, and reads the server's frames as they are on the wire.
 */
final class WsClient implements AutoCloseable {

  static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";

  /** A frame from the server. */
  @SuppressWarnings("ArrayRecordComponent") // read once, never compared
  record Frame(boolean fin, int opcode, byte[] payload) {

    String text() {
      return new String(payload, StandardCharsets.UTF_8);
    }

    int closeCode() {
      return payload.length < 2 ? 1005 : (payload[0] & 0xFF) << 8 | (payload[1] & 0xFF);
    }

    /** e.g. {@code text:48656c6c6f}, {@code close:1002}; long payloads as length and hash. */
    String describe() {
      String name =
          switch (opcode) {
            case 1 -> "text";
            case 2 -> "binary";
            case 8 -> "close";
            case 9 -> "ping";
            case 10 -> "pong";
            default -> "op" + opcode;
          };
      if (opcode == 8) {
        return "close:" + closeCode();
      }
      return name + ":" + WsClient.describe(payload);
    }
  }

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private final Random random = new Random(7);
  final int status;
  final Map<String, String> headers = new LinkedHashMap<>();

  private WsClient(InetSocketAddress address, String request) throws IOException {
    socket = new Socket();
    socket.connect(address, 10_000);
    socket.setSoTimeout(20_000);
    socket.setTcpNoDelay(true);
    in = socket.getInputStream();
    out = socket.getOutputStream();
    out.write(request.getBytes(StandardCharsets.ISO_8859_1));
    String statusLine = line();
    status = Integer.parseInt(statusLine.substring(9, 12));
    for (String line = line(); !line.isEmpty(); line = line()) {
      int colon = line.indexOf(':');
      headers.put(
          line.substring(0, colon).toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
    }
  }

  /** Sends the handshake for {@code path} with the standard fields plus {@code extra} lines. */
  static WsClient connect(InetSocketAddress address, String path, String... extra)
      throws IOException {
    StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: a\r\n");
    request.append("Upgrade: websocket\r\nConnection: Upgrade\r\n");
    request.append("Sec-WebSocket-Key: " + KEY + "\r\nSec-WebSocket-Version: 13\r\n");
    for (String line : extra) {
      request.append(line).append("\r\n");
    }
    return new WsClient(address, request.append("\r\n").toString());
  }

  /** Sends exactly {@code request} (a head of one's own making). */
  static WsClient raw(InetSocketAddress address, String request) throws IOException {
    return new WsClient(address, request);
  }

  String header(String name) {
    return headers.get(name.toLowerCase(Locale.ROOT));
  }

  /** Writes {@code bytes} as they are. */
  WsClient send(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
    return this;
  }

  /** A masked frame with a random key. */
  static byte[] frame(boolean fin, int opcode, byte[] payload, Random random) {
    byte[] mask = new byte[4];
    random.nextBytes(mask);
    return FrameParserTestSupport.frame(fin, 0, opcode, payload, mask);
  }

  WsClient sendFrame(boolean fin, int opcode, byte[] payload) throws IOException {
    return send(frame(fin, opcode, payload, random));
  }

  WsClient sendText(String text) throws IOException {
    return sendFrame(true, 1, text.getBytes(StandardCharsets.UTF_8));
  }

  WsClient sendClose(int code) throws IOException {
    return sendFrame(true, 8, new byte[] {(byte) (code >>> 8), (byte) code});
  }

  /** Reads one frame from the server (which never masks). */
  Frame read() throws IOException {
    int b0 = readByte();
    int b1 = readByte();
    if ((b1 & 0x80) != 0) {
      throw new IOException("the server masked a frame");
    }
    long length = b1 & 0x7F;
    if (length == 126) {
      length = (long) readByte() << 8 | readByte();
    } else if (length == 127) {
      length = 0;
      for (int i = 0; i < 8; i++) {
        length = length << 8 | readByte();
      }
    }
    byte[] payload = in.readNBytes((int) length);
    return new Frame((b0 & 0x80) != 0, b0 & 0x0F, payload);
  }

  /** True when the server has closed: a read gives end of stream (waits up to the timeout). */
  boolean closedByServer() throws IOException {
    try {
      return in.read() < 0;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true; // a reset is a close too
    }
  }

  void readTimeout(int millis) throws IOException {
    socket.setSoTimeout(millis);
  }

  private int readByte() throws IOException {
    int b = in.read();
    if (b < 0) {
      throw new IOException("connection closed by the server");
    }
    return b;
  }

  private String line() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0 && b != '\n') {
      line.write(b);
    }
    if (b < 0 && line.size() == 0) {
      throw new IOException("connection closed before a response");
    }
    String s = line.toString(StandardCharsets.ISO_8859_1);
    return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
  }

  static String describe(byte[] payload) {
    return payload.length <= 32
        ? HexFormat.of().formatHex(payload)
        : payload.length + "/" + Arrays.hashCode(payload);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
