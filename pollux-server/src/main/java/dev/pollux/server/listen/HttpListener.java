package dev.pollux.server.listen;

import dev.pollux.http.Handler;
import dev.pollux.http.HttpServer;
import dev.pollux.http.HttpServerOptions;
import dev.pollux.http.HttpStats;
import dev.pollux.loop.EventLoopGroup;
import dev.pollux.server.StartupException;
import dev.pollux.server.cli.TlsSettings;
import dev.pollux.server.metrics.Metrics;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * The HTTP API on one port: plain ({@link Protocol#HTTP}) or over TLS ({@link Protocol#HTTPS}). The
 * two listeners serve the same handler, so that the sampler's readings become events once.
 */
public final class HttpListener implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(HttpListener.class.getName());

  private final HttpServer server;

  private HttpListener(HttpServer server) {
    this.server = server;
  }

  /**
   * Listens for plain HTTP; its connections and its responses by class go to {@code metrics}.
   *
   * @throws StartupException when it cannot listen there
   */
  public static HttpListener startPlain(
      ListenAddress address,
      EventLoopGroup group,
      Handler handler,
      HttpServerOptions options,
      Metrics metrics)
      throws StartupException {
    HttpServer server = address.open(bind -> builder(group, handler, options).bind(bind).start());
    metrics.registerServer(address.protocol().label(), server::connectionStats);
    metrics.registerHttpRequests(
        () -> {
          HttpStats stats = server.stats();
          return new long[] {
            stats.responses1xx(),
            stats.responses2xx(),
            stats.responses3xx(),
            stats.responses4xx(),
            stats.responses5xx()
          };
        });
    return new HttpListener(server);
  }

  /**
   * Listens for HTTPS with {@code tls}'s certificate; its connections go to {@code metrics}.
   *
   * @throws StartupException when it cannot listen there
   */
  public static HttpListener startTls(
      ListenAddress address,
      TlsSettings tls,
      EventLoopGroup group,
      Handler handler,
      HttpServerOptions options,
      Metrics metrics)
      throws StartupException {
    LOG.log(Level.INFO, "https uses {0}", tls.source());
    HttpServer server =
        address.open(
            bind ->
                builder(group, handler, options)
                    .bind(bind)
                    .tls(tls.context(), tls.handshakeTimeout())
                    .start());
    metrics.registerServer(address.protocol().label(), server::connectionStats);
    return new HttpListener(server);
  }

  /** What the plain and the TLS listener share: the loops, the handler and the options. */
  private static HttpServer.Builder builder(
      EventLoopGroup group, Handler handler, HttpServerOptions options) {
    return HttpServer.builder().group(group).handler(handler).options(options);
  }

  /**
   * The options of the HTTP and the HTTPS listener alike.
   *
   * @param maxConnections beyond it a connection gets {@code 503} with {@code Retry-After}
   * @param keepAliveTimeout how long an idle connection is kept
   * @param accessLog whether each response is logged
   */
  public static HttpServerOptions options(
      int maxConnections, Duration keepAliveTimeout, boolean accessLog) {
    return HttpServerOptions.builder()
        .maxConnections(maxConnections)
        .keepAliveTimeout(keepAliveTimeout)
        .defaultHeader("X-Content-Type-Options", "nosniff") // also on the parser's 4xx
        .accessLog(accessLog)
        .build();
  }

  /** The address, with the real port. */
  public InetSocketAddress address() {
    return server.localAddress();
  }

  /** Stops accepting; in-flight responses finish while the loops shut down gracefully. */
  @Override
  public void close() {
    server.close();
  }

  @Override
  public String toString() {
    return server.toString();
  }
}
