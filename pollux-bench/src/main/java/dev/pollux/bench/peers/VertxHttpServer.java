package dev.pollux.bench.peers;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The TechEmpower endpoints on Vert.x core 5, as its TechEmpower entry does them: a request handler
 * on the event loop, pre-encoded header names and values, and the native transport (epoll) that
 * Vert.x prefers when Netty's native library is on the class path, as it is here.
 */
public final class VertxHttpServer implements PeerServer {

  private static final CharSequence SERVER = HttpHeaders.createOptimized("vert.x");
  private static final CharSequence TEXT_PLAIN = HttpHeaders.createOptimized("text/plain");
  private static final CharSequence APPLICATION_JSON =
      HttpHeaders.createOptimized("application/json");
  private static final Buffer HELLO = Buffer.buffer(Payloads.HELLO);
  private static final long START_TIMEOUT_SECONDS = 30;

  private final Vertx vertx;
  private final HttpServer server;

  private VertxHttpServer(Vertx vertx, HttpServer server) {
    this.vertx = vertx;
    this.server = server;
  }

  /** Starts on {@code address} with {@code threads} event loops. */
  public static VertxHttpServer start(InetSocketAddress address, int threads)
      throws InterruptedException, ExecutionException, TimeoutException {
    Vertx vertx =
        Vertx.vertx(
            new VertxOptions().setEventLoopPoolSize(threads).setPreferNativeTransport(true));
    HttpServerOptions options =
        new HttpServerOptions()
            .setHost(address.getHostString())
            .setPort(address.getPort())
            .setAcceptBacklog(8192)
            .setCompressionSupported(false)
            .setHandle100ContinueAutomatically(false);
    try {
      HttpServer server =
          vertx
              .createHttpServer(options)
              .requestHandler(VertxHttpServer::handle)
              .listen()
              .toCompletionStage()
              .toCompletableFuture()
              .get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      return new VertxHttpServer(vertx, server);
    } catch (InterruptedException | ExecutionException | TimeoutException e) {
      vertx.close();
      throw e;
    }
  }

  private static void handle(HttpServerRequest request) {
    switch (request.path()) {
      case "/plaintext" -> respond(request, TEXT_PLAIN, HELLO);
      case "/json" ->
          respond(request, APPLICATION_JSON, Buffer.buffer(Payloads.json(Payloads.MESSAGE)));
      default -> request.response().setStatusCode(404).end();
    }
  }

  private static void respond(HttpServerRequest request, CharSequence type, Buffer body) {
    MultiMap headers = request.response().headers();
    headers
        .add(HttpHeaders.CONTENT_TYPE, type)
        .add(HttpHeaders.SERVER, SERVER)
        .add(HttpHeaders.DATE, Payloads.httpDate());
    request.response().end(body);
  }

  /** True when Vert.x runs on its native transport (epoll), not NIO. */
  public boolean nativeTransport() {
    return vertx.isNativeTransportEnabled();
  }

  @Override
  public int port() {
    return server.actualPort();
  }

  @Override
  public void close() {
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      System.getLogger(VertxHttpServer.class.getName())
          .log(System.Logger.Level.WARNING, "vert.x did not close cleanly", e);
    }
  }
}
