package dev.pollux.http;

import dev.pollux.loop.EventLoopGroup;
import dev.pollux.loop.Transport;
import dev.pollux.loop.Transports;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/** An {@link HttpServer} on one loop of a given transport on 127.0.0.1, port 0, for one test. */
final class TestServer implements AutoCloseable {

  final EventLoopGroup group;
  final HttpServer server;

  /** Every transport of {@code pollux-loop}, for {@link OnEveryTransport}. */
  static List<Transport> transports() {
    return Transports.names().stream().map(Transports::byName).toList();
  }

  TestServer(Transport transport, Handler handler) throws IOException {
    this(transport, handler, HttpServerOptions.defaults());
  }

  TestServer(Transport transport, Handler handler, HttpServerOptions options) throws IOException {
    group = EventLoopGroup.create(transport, 1);
    try {
      server =
          HttpServer.builder()
              .group(group)
              .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
              .handler(handler)
              .options(options)
              .start();
    } catch (IOException | RuntimeException e) {
      group.close();
      throw e;
    }
  }

  InetSocketAddress address() {
    return server.localAddress();
  }

  RawClient client() throws IOException {
    return new RawClient(address());
  }

  String url(String path) {
    return "http://127.0.0.1:" + address().getPort() + path;
  }

  @Override
  public void close() {
    server.close();
    group.shutdownGracefully(Duration.ofSeconds(2));
  }
}
