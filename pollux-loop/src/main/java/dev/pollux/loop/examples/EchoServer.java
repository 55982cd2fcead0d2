package dev.pollux.loop.examples;

import dev.pollux.loop.ConnectionHandlerFactory;
import dev.pollux.loop.EventLoopGroup;
import dev.pollux.loop.HostPort;
import dev.pollux.loop.NioTransport;
import dev.pollux.loop.TcpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * A line echo server on the event loop, the example of {@code pollux-loop}: every line comes back
 * as sent (ending {@code "\n"}); a line over {@value #MAX_LINE_BYTES} bytes gets {@code "ERR line
 * too long"} and a close. Run {@code EchoServer [port]} (default 9000) and try {@code nc localhost
 * 9000}.
 */
public final class EchoServer {

  /** The longest line echoed, as design.md's TCP protocol has it. */
  public static final int MAX_LINE_BYTES = 4096;

  private static final int DEFAULT_PORT = 9000;

  private EchoServer() {}

  /** Makes one line echo handler per connection. */
  public static ConnectionHandlerFactory handlers() {
    return connection -> new LineEchoHandler(connection, MAX_LINE_BYTES);
  }

  /** Starts an echo server on {@code group}, listening on {@code address}. */
  public static TcpServer start(EventLoopGroup group, InetSocketAddress address)
      throws IOException {
    return TcpServer.builder().name("echo").group(group).bind(address).handler(handlers()).start();
  }

  /** {@code EchoServer [port]}: serves until the process is stopped (SIGINT, SIGTERM). */
  @SuppressForbidden
  public static void main(String[] args) throws IOException {
    int port = DEFAULT_PORT;
    if (args.length > 0) {
      try {
        port = Integer.parseInt(args[0]);
      } catch (NumberFormatException e) {
        System.err.println("usage: EchoServer [port]: not a port: " + args[0]);
        System.exit(2);
      }
    }
    EventLoopGroup group =
        EventLoopGroup.create(NioTransport.standard(), Runtime.getRuntime().availableProcessors());
    TcpServer server;
    try {
      server = start(group, new InetSocketAddress(port));
    } catch (IOException e) {
      group.close();
      System.err.println("echo: " + e.getMessage());
      System.exit(1);
      return;
    }
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(() -> group.shutdownGracefully(Duration.ofSeconds(5)), "echo-shutdown"));
    System.out.println("echo listening on " + HostPort.of(server.localAddress()));
  }
}
