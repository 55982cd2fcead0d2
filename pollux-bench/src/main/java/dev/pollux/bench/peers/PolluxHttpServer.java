package dev.pollux.bench.peers;

import dev.pollux.http.HttpServer;
import dev.pollux.http.examples.TechEmpowerApp;
import dev.pollux.loop.EventLoopGroup;
import dev.pollux.loop.Transport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;

/** Pollux's contestant: {@link TechEmpowerApp} on an event-loop group of the chosen transport. */
public final class PolluxHttpServer implements PeerServer {

  private final EventLoopGroup group;
  private final HttpServer server;

  private PolluxHttpServer(EventLoopGroup group, HttpServer server) {
    this.group = group;
    this.server = server;
  }

  /** Starts on {@code address} with {@code loops} loops of {@code transport}. */
  public static PolluxHttpServer start(InetSocketAddress address, int loops, Transport transport)
      throws IOException {
    EventLoopGroup group = EventLoopGroup.create(transport, loops);
    try {
      return new PolluxHttpServer(group, TechEmpowerApp.start(group, address));
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
