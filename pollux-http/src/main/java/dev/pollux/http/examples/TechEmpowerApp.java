package dev.pollux.http.examples;

import dev.pollux.http.HttpServer;
import dev.pollux.http.Router;
import dev.pollux.loop.EventLoopGroup;
import dev.pollux.loop.NioTransport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The TechEmpower plaintext and JSON tests on Pollux, the benchmark's subject: {@code GET
 * /plaintext} answers {@code Hello, World!} as {@code text/plain}, {@code GET /json} answers {@code
 * {"message":"Hello, World!"}} as {@code application/json}. Run {@code TechEmpowerApp [port]}
 * (default 8080).
 */
public final class TechEmpowerApp {

  private static final int DEFAULT_PORT = 8080;
  private static final byte[] HELLO = "Hello, World!".getBytes(StandardCharsets.US_ASCII);

  private TechEmpowerApp() {}

  /** The routes of the two tests. */
  public static Router router() {
    return Router.create()
        .get("/plaintext", (request, response) -> response.contentType("text/plain").send(HELLO))
        .get(
            "/json",
            (request, response) ->
                response.contentType("application/json").send(json("Hello, World!")));
  }

  /** Starts the app on {@code group}, listening on {@code address}. */
  public static HttpServer start(EventLoopGroup group, InetSocketAddress address)
      throws IOException {
    return HttpServer.builder().group(group).bind(address).handler(router()).start();
  }

  /** {@code {"message":"<message>"}}, serialized per request as the JSON test asks. */
  static byte[] json(String message) {
    StringBuilder s = new StringBuilder(32 + message.length());
    s.append("{\"message\":\"");
    for (int i = 0; i < message.length(); i++) {
      char c = message.charAt(i);
      if (c == '"' || c == '\\') {
        s.append('\\');
      }
      s.append(c);
    }
    return s.append("\"}").toString().getBytes(StandardCharsets.UTF_8);
  }

  /** {@code TechEmpowerApp [port]}: serves until the process is stopped (SIGINT, SIGTERM). */
  @SuppressForbidden
  public static void main(String[] args) {
    int port = DEFAULT_PORT;
    if (args.length > 0) {
      try {
        port = Integer.parseInt(args[0]);
      } catch (NumberFormatException e) {
        System.err.println("usage: TechEmpowerApp [port]: not a port: " + args[0]);
        System.exit(2);
      }
    }
    EventLoopGroup group =
        EventLoopGroup.create(NioTransport.standard(), Runtime.getRuntime().availableProcessors());
    HttpServer server;
    try {
      server = start(group, new InetSocketAddress(port));
    } catch (IOException e) {
      group.close();
      System.err.println("techempower: " + e.getMessage());
      System.exit(1);
      return;
    }
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(() -> group.shutdownGracefully(Duration.ofSeconds(5)), "http-shutdown"));
    System.out.println("http listening on " + server.localAddress());
  }
}
