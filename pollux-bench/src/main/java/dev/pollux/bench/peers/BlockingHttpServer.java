package dev.pollux.bench.peers;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The classic model Pollux replaces: a {@link ServerSocket} and one platform thread per connection,
 * each running a simple HTTP/1.1 keep-alive loop over blocking streams. It understands just enough
 * for the benchmark: request heads ending in an empty line, the path of a request line like {@code
 * GET /plaintext HTTP/1.1}, no bodies, and always keep-alive. Pipelined requests already in the
 * buffer are answered before the one flush that precedes the next blocking read.
 */
public final class BlockingHttpServer implements PeerServer {

  private static final int BUFFER_BYTES = 16 * 1024;
  private static final byte[] PLAINTEXT = "/plaintext".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] JSON = "/json".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] NOT_FOUND =
      "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] TOO_LARGE =
      "HTTP/1.1 431 Request Header Fields Too Large\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
          .getBytes(StandardCharsets.US_ASCII);

  private final ServerSocket listener;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final Thread acceptor;

  private BlockingHttpServer(ServerSocket listener) {
    this.listener = listener;
    this.acceptor = Thread.ofPlatform().name("blocking-accept").unstarted(this::acceptLoop);
  }

  /** Starts on {@code address}: one acceptor thread, then a thread per connection. */
  public static BlockingHttpServer start(InetSocketAddress address) throws IOException {
    ServerSocket listener = new ServerSocket();
    listener.setReuseAddress(true);
    listener.bind(address, 8192);
    BlockingHttpServer server = new BlockingHttpServer(listener);
    server.acceptor.start();
    return server;
  }

  private void acceptLoop() {
    int count = 0;
    while (!listener.isClosed()) {
      try {
        Socket socket = listener.accept();
        socket.setTcpNoDelay(true);
        open.add(socket);
        Thread.ofPlatform().name("blocking-" + count++).daemon(true).start(() -> serve(socket));
      } catch (IOException e) {
        if (!listener.isClosed()) {
          System.getLogger(BlockingHttpServer.class.getName())
              .log(System.Logger.Level.WARNING, "accept failed", e);
        }
      }
    }
  }

  private void serve(Socket socket) {
    try (socket;
        InputStream in = socket.getInputStream();
        OutputStream out = new BufferedOutputStream(socket.getOutputStream(), BUFFER_BYTES)) {
      byte[] buf = new byte[BUFFER_BYTES];
      int start = 0;
      int end = 0;
      while (true) {
        int headEnd = headEnd(buf, start, end);
        if (headEnd >= 0) {
          respond(out, buf, start, headEnd);
          start = headEnd;
          continue;
        }
        System.arraycopy(buf, start, buf, 0, end - start);
        end -= start;
        start = 0;
        if (end == buf.length) {
          out.write(TOO_LARGE);
          out.flush();
          return;
        }
        out.flush(); // everything buffered is answered: send it before blocking
        int n = in.read(buf, end, buf.length - end);
        if (n < 0) {
          return;
        }
        end += n;
      }
    } catch (SocketException e) {
      // A reset or a close by the load generator at the end of a run: expected.
      System.getLogger(BlockingHttpServer.class.getName())
          .log(System.Logger.Level.DEBUG, () -> "connection ended: " + e.getMessage());
    } catch (IOException e) {
      System.getLogger(BlockingHttpServer.class.getName())
          .log(System.Logger.Level.WARNING, "connection failed", e);
    } finally {
      open.remove(socket);
    }
  }

  /**
   * The index just after the {@code \r\n\r\n} ending the head that starts at {@code from}, or -1.
   */
  private static int headEnd(byte[] buf, int from, int end) {
    for (int i = from; i + 3 < end; i++) {
      if (buf[i] == '\r' && buf[i + 1] == '\n' && buf[i + 2] == '\r' && buf[i + 3] == '\n') {
        return i + 4;
      }
    }
    return -1;
  }

  private static void respond(OutputStream out, byte[] buf, int start, int end) throws IOException {
    int pathStart = indexOf(buf, start, end, (byte) ' ') + 1;
    int pathEnd = pathStart == 0 ? -1 : indexOf(buf, pathStart, end, (byte) ' ');
    if (pathEnd < 0) {
      out.write(NOT_FOUND);
    } else if (equals(buf, pathStart, pathEnd, PLAINTEXT)) {
      ok(out, "text/plain", Payloads.HELLO);
    } else if (equals(buf, pathStart, pathEnd, JSON)) {
      ok(out, "application/json", Payloads.json(Payloads.MESSAGE));
    } else {
      out.write(NOT_FOUND);
    }
  }

  private static void ok(OutputStream out, String type, byte[] body) throws IOException {
    String head =
        "HTTP/1.1 200 OK\r\nServer: blocking\r\nDate: "
            + Payloads.httpDate()
            + "\r\nContent-Type: "
            + type
            + "\r\nContent-Length: "
            + body.length
            + "\r\n\r\n";
    out.write(head.getBytes(StandardCharsets.US_ASCII));
    out.write(body);
  }

  private static int indexOf(byte[] buf, int from, int end, byte b) {
    for (int i = from; i < end; i++) {
      if (buf[i] == b) {
        return i;
      }
    }
    return -1;
  }

  private static boolean equals(byte[] buf, int from, int to, byte[] expected) {
    return Arrays.equals(buf, from, to, expected, 0, expected.length);
  }

  @Override
  public int port() {
    return listener.getLocalPort();
  }

  @Override
  public void close() {
    try {
      listener.close();
    } catch (IOException e) {
      System.getLogger(BlockingHttpServer.class.getName())
          .log(System.Logger.Level.DEBUG, "closing the listener", e);
    }
    for (Socket socket : open) {
      try {
        socket.close();
      } catch (IOException e) {
        System.getLogger(BlockingHttpServer.class.getName())
            .log(System.Logger.Level.DEBUG, "closing a connection", e);
      }
    }
    try {
      acceptor.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
