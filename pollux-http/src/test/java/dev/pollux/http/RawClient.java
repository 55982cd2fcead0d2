package dev.pollux.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A raw socket HTTP/1.1 client for tests: sends exact bytes and reads responses one at a time,
 * framed by Content-Length, chunked coding or the close, so that tests see exactly what the server
 * put on the wire.
 */
final class RawClient implements AutoCloseable {

  /** One response as read from the wire; header names in lower case. */
  record Reply(int status, Map<String, String> headers, String text) {

    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  RawClient(InetSocketAddress address) throws IOException {
    socket = new Socket();
    socket.connect(address, 10_000);
    socket.setSoTimeout(20_000);
    socket.setTcpNoDelay(true);
    in = socket.getInputStream();
    out = socket.getOutputStream();
  }

  /** A client over {@code socket}, connected already. */
  RawClient(Socket socket) throws IOException {
    this.socket = socket;
    in = socket.getInputStream();
    out = socket.getOutputStream();
  }

  RawClient send(String raw) throws IOException {
    return send(raw.getBytes(StandardCharsets.ISO_8859_1));
  }

  RawClient send(byte[] raw) throws IOException {
    out.write(raw);
    out.flush();
    return this;
  }

  void readTimeout(int millis) throws IOException {
    socket.setSoTimeout(millis);
  }

  /** Reads one response to a request that was not HEAD. */
  Reply read() throws IOException {
    return read(false);
  }

  /** Reads one response; {@code head}: it answers a HEAD, so it has no body whatever it says. */
  Reply read(boolean head) throws IOException {
    Reply reply = readHead();
    Map<String, String> headers = reply.headers();
    int status = reply.status();
    byte[] body;
    if (head || status == 304 || status == 204 || status < 200) {
      body = new byte[0];
    } else if ("chunked".equals(headers.get("transfer-encoding"))) {
      body = chunked();
    } else if (headers.containsKey("content-length")) {
      body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
    } else {
      body = in.readAllBytes();
    }
    return new Reply(status, headers, new String(body, StandardCharsets.UTF_8));
  }

  /** Reads a status line and header section only; the body (if any) stays unread. */
  Reply readHead() throws IOException {
    String statusLine = line();
    if (statusLine == null) {
      throw new IOException("connection closed before a response");
    }
    if (!statusLine.startsWith("HTTP/1.1 ")) {
      throw new IOException("not a status line: " + statusLine);
    }
    int status = Integer.parseInt(statusLine.substring(9, 12));
    Map<String, String> headers = new LinkedHashMap<>();
    for (String line = line(); !line.isEmpty(); line = line()) {
      int colon = line.indexOf(':');
      headers.merge(
          line.substring(0, colon).toLowerCase(Locale.ROOT),
          line.substring(colon + 1).trim(),
          (a, b) -> a + ", " + b);
    }
    return new Reply(status, headers, "");
  }

  /** Reads one chunk of a chunked body (size line, data, CRLF), or null at the last chunk. */
  byte[] chunk() throws IOException {
    int size = Integer.parseInt(line(), 16);
    if (size == 0) {
      line();
      return null;
    }
    byte[] data = in.readNBytes(size);
    line();
    return data;
  }

  private byte[] chunked() throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    byte[] chunk;
    while ((chunk = chunk()) != null) {
      body.writeBytes(chunk);
    }
    return body.toByteArray();
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

  /** Everything until the server closes. */
  String rest() throws IOException {
    return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
  }

  private String line() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0) {
      if (b == '\n') {
        byte[] bytes = line.toByteArray();
        int length =
            bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
      }
      line.write(b);
    }
    return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
