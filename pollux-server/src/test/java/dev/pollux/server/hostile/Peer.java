package dev.pollux.server.hostile;

import dev.pollux.testing.net.RawResponse;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * One raw connection of a hostile peer to 127.0.0.1, from a chosen loopback source address ({@code
 * 127.0.0.7}: Linux routes all of 127/8 to the loopback interface), so that what a server counts
 * per remote address (failed logins) can tell the attacker from the test's own clients. Every read
 * has a deadline, so that a server that never answers fails the test instead of hanging it.
 */
final class Peer implements Closeable {

  /** The address the test's own (well-behaved) clients use. */
  static final String HONEST = "127.0.0.1";

  /** How long a read waits by default. */
  static final Duration DEADLINE = Duration.ofSeconds(20);

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  private Peer(Socket socket) throws IOException {
    this.socket = socket;
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
  }

  /** Connects from {@code source} to 127.0.0.1:{@code port}. */
  static Peer connect(String source, int port) throws IOException {
    return connect(source, port, 0);
  }

  /**
   * Connects from {@code source} with a receive buffer of about {@code receiveBufferBytes} (0: the
   * kernel's default), set before connecting so that the window is negotiated for it: a peer that
   * does not read fills up soon.
   */
  static Peer connect(String source, int port, int receiveBufferBytes) throws IOException {
    Socket socket = new Socket();
    try {
      if (receiveBufferBytes > 0) {
        socket.setReceiveBufferSize(receiveBufferBytes);
      }
      socket.setTcpNoDelay(true);
      socket.bind(new InetSocketAddress(InetAddress.getByName(source), 0));
      socket.connect(
          new InetSocketAddress(InetAddress.getLoopbackAddress(), port), (int) DEADLINE.toMillis());
      return new Peer(socket);
    } catch (IOException e) {
      socket.close();
      throw e;
    }
  }

  Peer send(String text) throws IOException {
    return send(text.getBytes(StandardCharsets.UTF_8));
  }

  Peer send(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
    return this;
  }

  /**
   * Sends {@code text} unless the server has closed the connection; false then. For trickling
   * peers, whose server ends the attack by closing (a {@code 408}).
   */
  boolean sendIfOpen(String text) {
    try {
      send(text);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Reads up to and including the next {@code \n}; the line without {@code \r\n}. */
  String readLine(Duration deadline) throws IOException {
    return strip(readUntil("\n".getBytes(StandardCharsets.US_ASCII), deadline));
  }

  String readLine() throws IOException {
    return readLine(DEADLINE);
  }

  /**
   * Reads a response head (up to the empty line), as {@link RawResponse} parses it; the body, if
   * any, stays unread.
   */
  RawResponse readHead(Duration deadline) throws IOException {
    return RawResponse.parse(responseName(), readHeadBytes(deadline));
  }

  /** Reads a response head and returns its status code. */
  int readStatus(Duration deadline) throws IOException {
    return readHead(deadline).status();
  }

  /**
   * Reads one whole response whose body, if any, has a {@code Content-Length} (every answer but a
   * stream's), all within {@code deadline}.
   */
  RawResponse readResponse(Duration deadline) throws IOException {
    long end = System.nanoTime() + deadline.toNanos();
    byte[] head = readHeadBytes(deadline);
    RawResponse headOnly = RawResponse.parse(responseName(), head);
    String length = headOnly.header("content-length");
    if (length == null) {
      return headOnly;
    }
    ByteArrayOutputStream whole = new ByteArrayOutputStream();
    whole.writeBytes(head);
    whole.writeBytes(
        readBytes(
            Integer.parseInt(length), Duration.ofNanos(Math.max(0, end - System.nanoTime()))));
    return RawResponse.parse(responseName(), whole.toByteArray());
  }

  private byte[] readHeadBytes(Duration deadline) throws IOException {
    return readUntil("\r\n\r\n".getBytes(StandardCharsets.US_ASCII), deadline)
        .getBytes(StandardCharsets.ISO_8859_1);
  }

  private String responseName() {
    return "a response on " + socket.getLocalSocketAddress();
  }

  /** Reads exactly {@code count} bytes. */
  byte[] readBytes(int count, Duration deadline) throws IOException {
    long end = System.nanoTime() + deadline.toNanos();
    byte[] bytes = new byte[count];
    for (int i = 0; i < count; i++) {
      int b = read(end);
      if (b < 0) {
        throw new IOException("end of stream after " + i + " of " + count + " bytes");
      }
      bytes[i] = (byte) b;
    }
    return bytes;
  }

  private String readUntil(byte[] end, Duration deadline) throws IOException {
    long endNanos = System.nanoTime() + deadline.toNanos();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < end.length) {
      int b;
      try {
        b = read(endNanos);
      } catch (SocketTimeoutException e) {
        SocketTimeoutException named =
            new SocketTimeoutException(
                "no answer within "
                    + deadline
                    + " from "
                    + socket.getRemoteSocketAddress()
                    + " after "
                    + bytes.size()
                    + " bytes: "
                    + latin1(bytes.toByteArray()));
        named.initCause(e);
        throw named;
      }
      if (b < 0) {
        throw new IOException(
            "end of stream after " + bytes.size() + " bytes: " + latin1(bytes.toByteArray()));
      }
      bytes.write(b);
      matched = b == end[matched] ? matched + 1 : (b == end[0] ? 1 : 0);
    }
    return latin1(bytes.toByteArray());
  }

  /**
   * Whether the server closed this connection within {@code deadline}, skipping whatever it still
   * sends (a response, stream events); false if it is still open then.
   */
  boolean closedWithin(Duration deadline) throws IOException {
    long end = System.nanoTime() + deadline.toNanos();
    try {
      while (true) {
        if (read(end) < 0) {
          return true;
        }
      }
    } catch (SocketTimeoutException e) {
      return false;
    } catch (SocketException e) {
      return true; // a reset is a close too
    }
  }

  private int read(long endNanos) throws IOException {
    long left = endNanos - System.nanoTime();
    if (left <= 0) {
      throw new SocketTimeoutException("deadline passed reading from " + socket);
    }
    socket.setSoTimeout((int) Math.max(1, left / 1_000_000));
    return in.read();
  }

  private static String strip(String line) {
    int end = line.length();
    while (end > 0 && (line.charAt(end - 1) == '\n' || line.charAt(end - 1) == '\r')) {
      end--;
    }
    return line.substring(0, end);
  }

  private static String latin1(byte[] bytes) {
    return new String(bytes, StandardCharsets.ISO_8859_1);
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
