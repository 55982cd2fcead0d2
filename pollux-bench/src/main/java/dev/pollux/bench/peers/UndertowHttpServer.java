package dev.pollux.bench.peers;

import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import org.xnio.Options;

/**
 * The TechEmpower endpoints on Undertow's core API, as its TechEmpower entry does them: handlers
 * run on the I/O thread (no dispatch to workers) and send a {@link ByteBuffer}; pipelined responses
 * are buffered into one write ({@code BUFFER_PIPELINED_DATA}).
 */
public final class UndertowHttpServer implements PeerServer {

  private static final ByteBuffer HELLO =
      ByteBuffer.allocateDirect(Payloads.HELLO.length).put(Payloads.HELLO).flip();

  private final Undertow undertow;
  private final int port;

  private UndertowHttpServer(Undertow undertow, int port) {
    this.undertow = undertow;
    this.port = port;
  }

  /** Starts on {@code address} with {@code threads} I/O threads. */
  public static UndertowHttpServer start(InetSocketAddress address, int threads) {
    Undertow undertow =
        Undertow.builder()
            .addHttpListener(address.getPort(), address.getHostString())
            .setIoThreads(threads)
            .setWorkerThreads(threads)
            .setServerOption(UndertowOptions.BUFFER_PIPELINED_DATA, true)
            .setServerOption(UndertowOptions.ALWAYS_SET_DATE, true)
            .setSocketOption(Options.BACKLOG, 8192)
            .setHandler(UndertowHttpServer::handle)
            .build();
    undertow.start();
    int port = ((InetSocketAddress) undertow.getListenerInfo().getFirst().getAddress()).getPort();
    return new UndertowHttpServer(undertow, port);
  }

  private static void handle(HttpServerExchange exchange) {
    switch (exchange.getRequestPath()) {
      case "/plaintext" -> {
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain");
        exchange.getResponseHeaders().put(Headers.SERVER, "undertow");
        exchange.getResponseSender().send(HELLO.duplicate());
      }
      case "/json" -> {
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        exchange.getResponseHeaders().put(Headers.SERVER, "undertow");
        exchange.getResponseSender().send(ByteBuffer.wrap(Payloads.json(Payloads.MESSAGE)));
      }
      default -> exchange.setStatusCode(404).endExchange();
    }
  }

  @Override
  public int port() {
    return port;
  }

  @Override
  public void close() {
    undertow.stop();
  }
}
