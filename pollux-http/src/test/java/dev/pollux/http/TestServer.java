package dev.pollux.http;

import dev.pollux.loop.EventLoopGroup;
import dev.pollux.loop.NioTransport;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;

/** An {@link HttpServer} on one loop on 127.0.0.1, port 0, for one test. */
final class TestServer implements AutoCloseable {

  final EventLoopGroup group;
  final HttpServer server;

  TestServer(Handler handler) throws IOException {
    this(handler, HttpServerOptions.defaults());
  }

  TestServer(Handler handler, HttpServerOptions options) throws IOException {
    group = EventLoopGroup.create(NioTransport.standard(), 1);
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
