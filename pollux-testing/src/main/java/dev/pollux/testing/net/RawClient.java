package dev.pollux.testing.net;

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
import java.util.Arrays;

/**
 * A blocking test client for a server on 127.0.0.1: writes raw bytes or strings and reads lines or
 * bytes, each read with a deadline so that a test fails instead of hanging. Not thread-safe; one
 * per test thread.
 *
 * <pre>{@code
 * try (RawClient client = RawClient.connect(server.localAddress().getPort())) {
 *   client.write("temp\n");
 *   assertThat(client.readLine()).isEqualTo("48.312");
 * }
 * }</pre>
 */
public final class RawClient implements Closeable {

  /** How long a read waits by default before it fails. */
  public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(10);

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private final Duration deadline;

  private RawClient(Socket socket, Duration deadline) throws IOException {
    this.socket = socket;
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
    this.deadline = deadline;
  }

  /** Connects to 127.0.0.1:{@code port}. */
  public static RawClient connect(int port) throws IOException {
    return connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), DEFAULT_DEADLINE);
  }

  /** Connects to {@code address}; reads fail after {@code deadline}. */
  public static RawClient connect(InetSocketAddress address, Duration deadline) throws IOException {
    return connect(address, deadline, 0);
  }

  /**
   * Connects to 127.0.0.1:{@code port} with a fixed receive buffer of about {@code
   * receiveBufferBytes} (the kernel doubles it), set before connecting so that the window is
   * negotiated for it: a client that reads slowly, or not at all, fills up soon.
   */
  public static RawClient connectWithReceiveBuffer(int port, int receiveBufferBytes)
      throws IOException {
    return connect(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
        DEFAULT_DEADLINE,
        receiveBufferBytes);
  }

  /**
   * A client over {@code socket}, which the test connected itself (for options that must be set
   * before connecting, or after bytes it wrote on the socket directly); reads fail after {@code
   * deadline}. Closing the client closes the socket.
   */
  public static RawClient over(Socket socket, Duration deadline) throws IOException {
    return new RawClient(socket, deadline);
  }

  private static RawClient connect(
      InetSocketAddress address, Duration deadline, int receiveBufferBytes) throws IOException {
    Socket socket = new Socket();
    try {
      if (receiveBufferBytes > 0) {
        socket.setReceiveBufferSize(receiveBufferBytes);
      }
      socket.setTcpNoDelay(true);
      socket.connect(address, (int) deadline.toMillis());
      return new RawClient(socket, deadline);
    } catch (IOException e) {
      socket.close();
      throw e;
    }
  }

  /** The underlying socket, for options such as the receive buffer size. */
  public Socket socket() {
    return socket;
  }

  /** Writes {@code text} as UTF-8. */
  public RawClient write(String text) throws IOException {
    return write(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Writes {@code bytes}. */
  public RawClient write(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
    return this;
  }

  /**
   * Reads one line (UTF-8, without its {@code \n} or {@code \r\n}); fails on end of stream or after
   * the deadline.
   */
  public String readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    long end = System.nanoTime() + deadline.toNanos();
    while (true) {
      int b = readByte(end);
      if (b < 0) {
        throw new IOException(
            "end of stream after "
                + line.size()
                + " bytes of a line: "
                + line.toString(StandardCharsets.UTF_8));
      }
      if (b == '\n') {
        byte[] bytes = line.toByteArray();
        int length =
            bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
      }
      line.write(b);
    }
  }

  /** Reads exactly {@code count} bytes; fails on end of stream or after the deadline. */
  public byte[] readBytes(int count) throws IOException {
    byte[] bytes = new byte[count];
    long end = System.nanoTime() + deadline.toNanos();
    int read = 0;
    while (read < count) {
      setTimeout(end);
      int n;
      try {
        n = in.read(bytes, read, count - read);
      } catch (SocketTimeoutException e) {
        throw timeout("readBytes(" + count + ") after " + read + " bytes", e);
      }
      if (n < 0) {
        throw new IOException(
            "end of stream after "
                + read
                + " of "
                + count
                + " bytes: "
                + Arrays.toString(Arrays.copyOf(bytes, read)));
      }
      read += n;
    }
    return bytes;
  }

  /** Reads until the server closes; returns what came. Fails after the deadline. */
  public byte[] readToEnd() throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    long end = System.nanoTime() + deadline.toNanos();
    byte[] chunk = new byte[8192];
    while (true) {
      setTimeout(end);
      int n;
      try {
        n = in.read(chunk);
      } catch (SocketTimeoutException e) {
        throw timeout("readToEnd() after " + all.size() + " bytes", e);
      }
      if (n < 0) {
        return all.toByteArray();
      }
      all.write(chunk, 0, n);
    }
  }

  /** Reads until the server closes; returns what came as UTF-8. */
  public String readToEndAsString() throws IOException {
    return new String(readToEnd(), StandardCharsets.UTF_8);
  }

  /**
   * Whether the server has closed within the deadline: true on end of stream or a reset, false if
   * data arrived first (that byte is lost); a {@link SocketTimeoutException} if neither came.
   */
  public boolean awaitClosed() throws IOException {
    long end = System.nanoTime() + deadline.toNanos();
    try {
      return readByte(end) < 0;
    } catch (SocketException e) {
      return true; // a reset is a close too
    }
  }

  private int readByte(long endNanos) throws IOException {
    setTimeout(endNanos);
    try {
      return in.read();
    } catch (SocketTimeoutException e) {
      throw timeout("read", e);
    }
  }

  private void setTimeout(long endNanos) throws IOException {
    long left = endNanos - System.nanoTime();
    if (left <= 0) {
      throw new SocketTimeoutException("deadline of " + deadline + " passed");
    }
    socket.setSoTimeout((int) Math.max(1, left / 1_000_000));
  }

  private SocketTimeoutException timeout(String what, SocketTimeoutException cause) {
    SocketTimeoutException e =
        new SocketTimeoutException(
            what + ": nothing from " + socket.getRemoteSocketAddress() + " within " + deadline);
    e.initCause(cause);
    return e;
  }

  /** Sends FIN: the server sees end of stream; this client can still read. */
  public void shutdownOutput() throws IOException {
    socket.shutdownOutput();
  }

  /** Closes with SO_LINGER 0: the server sees a reset. */
  public void reset() throws IOException {
    socket.setSoLinger(true, 0);
    socket.close();
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
