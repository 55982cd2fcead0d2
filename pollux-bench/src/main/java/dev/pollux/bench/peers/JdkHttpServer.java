package dev.pollux.bench.peers;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.pollux.bench.SuppressForbidden;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The TechEmpower endpoints on the JDK's built-in {@code com.sun.net.httpserver}, each exchange on
 * a virtual thread: the JDK with no library at all. Its selector thread accepts and reads request
 * heads; the handlers run on virtual threads.
 */
// jdk.httpserver is a supported, exported JDK module; forbiddenapis lists all of com.sun.** as
// non-portable.
@SuppressForbidden
public final class JdkHttpServer implements PeerServer {

  private final HttpServer server;
  private final ExecutorService executor;

  private JdkHttpServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /** Starts on {@code address}; the JDK server has one dispatcher thread whatever the cores. */
  public static JdkHttpServer start(InetSocketAddress address) throws IOException {
    HttpServer server = HttpServer.create(address, 8192);
    ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    server.setExecutor(executor);
    server.createContext("/plaintext", e -> respond(e, "text/plain", Payloads.HELLO));
    server.createContext(
        "/json", e -> respond(e, "application/json", Payloads.json(Payloads.MESSAGE)));
    server.start();
    return new JdkHttpServer(server, executor);
  }

  private static void respond(HttpExchange exchange, String type, byte[] body) throws IOException {
    try (exchange) {
      exchange.getRequestBody().close();
      exchange.getResponseHeaders().set("Content-Type", type);
      exchange.getResponseHeaders().set("Server", "jdk");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  @Override
  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
