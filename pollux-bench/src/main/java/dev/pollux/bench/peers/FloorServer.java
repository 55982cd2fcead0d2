package dev.pollux.bench.peers;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The least a JVM can do and still answer HTTP, for {@code bin/bench-footprint}'s "JVM floor"
 * column: run with Pollux's own JVM flags, it says what of Pollux's resident memory, threads and
 * start-up time the JVM takes before Pollux does anything.
 *
 * <p>Design: the main thread accepts on 127.0.0.1:PORT, reads one request head and answers {@code
 * 200} with a close; no other thread, no executor, no library. It is no server to benchmark (one
 * connection at a time), only the floor under every one written in Java.
 *
 * <p>Usage: {@code java [flags] -cp pollux-bench.jar dev.pollux.bench.peers.FloorServer PORT}.
 */
public final class FloorServer {
  private static final byte[] OK =
      "HTTP/1.1 200 OK\r\nContent-Length: 3\r\nConnection: close\r\n\r\nok\n"
          .getBytes(StandardCharsets.US_ASCII);
  private static final int MAX_HEAD_BYTES = 8192;

  private FloorServer() {}

  public static void main(String[] args) throws IOException {
    int port = Integer.parseInt(args[0]);
    try (ServerSocket listener = new ServerSocket()) {
      listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      while (true) {
        try (Socket socket = listener.accept()) {
          if (readHead(socket.getInputStream())) {
            OutputStream out = socket.getOutputStream();
            out.write(OK);
            out.flush();
          }
        } catch (IOException e) {
          // this client went away; the next one is served
        }
      }
    }
  }

  /** Reads up to the empty line that ends a request head; false if the peer closed before it. */
  private static boolean readHead(InputStream in) throws IOException {
    int matched = 0;
    for (int read = 0; read < MAX_HEAD_BYTES; read++) {
      int b = in.read();
      if (b < 0) {
        return false;
      }
      matched = b == (matched % 2 == 0 ? '\r' : '\n') ? matched + 1 : (b == '\r' ? 1 : 0);
      if (matched == 4) {
        return true;
      }
    }
    return true;
  }
}
