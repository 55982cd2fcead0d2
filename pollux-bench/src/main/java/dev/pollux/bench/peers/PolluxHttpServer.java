package dev.pollux.bench.peers;

import dev.pollux.http.HttpServer;
import dev.pollux.http.examples.TechEmpowerApp;
import dev.pollux.loop.EventLoopGroup;
import dev.pollux.loop.TlsHandlerFactory;
import dev.pollux.loop.Transport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import javax.net.ssl.SSLContext;

/**
 * Pollux's contestant: {@link TechEmpowerApp}'s routes on an event-loop group of the chosen
 * transport, over plain HTTP or, given a TLS context, HTTPS ({@link HttpServer.Builder#tls}).
 */
public final class PolluxHttpServer implements PeerServer {

  private final EventLoopGroup group;
  private final HttpServer server;

  private PolluxHttpServer(EventLoopGroup group, HttpServer server) {
    this.group = group;
    this.server = server;
  }

  /**
   * Starts on {@code address} with {@code loops} loops of {@code transport}, serving HTTPS with
   * {@code tls}'s keys when it is not null.
   */
  public static PolluxHttpServer start(
      InetSocketAddress address, int loops, Transport transport, SSLContext tls)
      throws IOException {
    EventLoopGroup group = EventLoopGroup.create(transport, loops);
    try {
      if (tls == null) {
        return new PolluxHttpServer(group, TechEmpowerApp.start(group, address));
      }
      HttpServer server =
          HttpServer.builder()
              .group(group)
              .bind(address)
              .handler(TechEmpowerApp.router())
              .tls(tls, TlsHandlerFactory.DEFAULT_HANDSHAKE_TIMEOUT)
              .start();
      return new PolluxHttpServer(group, server);
    } catch (IOException | RuntimeException e) {
      group.close();
      throw e;
    }
  }

  @Override
  public int port() {
    return server.localAddress().getPort();
  }

  @Override
  public void close() {
    server.close();
    group.shutdownGracefully(Duration.ofSeconds(2));
  }
}
