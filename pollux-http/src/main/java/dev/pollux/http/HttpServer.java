package dev.pollux.http;

import dev.pollux.http.internal.codec.Problem;
import dev.pollux.http.internal.connection.HttpConnection;
import dev.pollux.http.internal.connection.HttpServerState;
import dev.pollux.loop.ConnectionHandlerFactory;
import dev.pollux.loop.EventLoopGroup;
import dev.pollux.loop.ServerStats;
import dev.pollux.loop.TcpServer;
import dev.pollux.loop.TlsHandlerFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * An HTTP/1.1 server on an {@link EventLoopGroup}: one {@link Handler} (usually a {@link Router})
 * answers every valid request; the server owns the wire format, keep-alive, pipelining, limits and
 * timeouts.
 *
 * <pre>{@code
 * Router router = Router.create().get("/hello", (req, res) -> res.send("hello"));
 * HttpServer server = HttpServer.builder().group(group).bind(new InetSocketAddress(8080))
 *     .handler(router).start();
 * }</pre>
 *
 * <p>{@link #close()} stops accepting; open connections are ended by the group's graceful shutdown,
 * which lets in-flight responses finish and ends event streams cleanly.
 */
public final class HttpServer implements AutoCloseable {

  private final TcpServer tcp;
  private final HttpServerState state;

  private HttpServer(TcpServer tcp, HttpServerState state) {
    this.tcp = tcp;
    this.state = state;
  }

  /** A builder; {@code group}, {@code bind} and {@code handler} are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** The address listened on, with the real port when 0 was asked. */
  public InetSocketAddress localAddress() {
    return tcp.localAddress();
  }

  /** The server's counters, readable from any thread. */
  public HttpStats stats() {
    return state.counters().snapshot();
  }

  /** The listener's connection counters (accepted, refused, bytes), readable from any thread. */
  public ServerStats connectionStats() {
    return tcp.stats();
  }

  /** Stops accepting connections. */
  @Override
  public void close() {
    tcp.close();
  }

  @Override
  public String toString() {
    return "http " + tcp.localAddress();
  }

  /** Builds and starts an {@link HttpServer}. */
  public static final class Builder {
    private EventLoopGroup group;
    private InetSocketAddress address;
    private Handler handler;
    private HttpServerOptions options = HttpServerOptions.defaults();
    private SSLContext tls;
    private Duration tlsHandshakeTimeout = TlsHandlerFactory.DEFAULT_HANDSHAKE_TIMEOUT;

    private Builder() {}

    /** The loops that serve the connections; required. */
    public Builder group(EventLoopGroup group) {
      this.group = Objects.requireNonNull(group, "group");
      return this;
    }

    /** The address to listen on; port 0 picks a free one; required. */
    public Builder bind(InetSocketAddress address) {
      this.address = Objects.requireNonNull(address, "address");
      return this;
    }

    /** What answers the requests; required. */
    public Builder handler(Handler handler) {
      this.handler = Objects.requireNonNull(handler, "handler");
      return this;
    }

    /** Limits and timeouts; default {@link HttpServerOptions#defaults()}. */
    public Builder options(HttpServerOptions options) {
      this.options = Objects.requireNonNull(options, "options");
      return this;
    }

    /**
     * Serves HTTPS: TLS with {@code context}'s keys, ALPN {@code http/1.1}, handshakes aborted
     * after {@code handshakeTimeout}; a plain-HTTP request gets a {@code 400} in clear. The
     * listener is named {@code https} in logs.
     */
    public Builder tls(SSLContext context, Duration handshakeTimeout) {
      this.tls = Objects.requireNonNull(context, "context");
      this.tlsHandshakeTimeout = Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
      return this;
    }

    /**
     * Starts listening.
     *
     * @throws IOException when the address cannot be bound (the message names it)
     */
    public HttpServer start() throws IOException {
      if (group == null || address == null || handler == null) {
        throw new IllegalStateException(
            "group, bind and handler are required: group="
                + group
                + " bind="
                + address
                + " handler="
                + handler);
      }
      HttpServerState state = HttpServerState.of(options, handler);
      ConnectionHandlerFactory http = connection -> new HttpConnection(state, connection);
      TcpServer tcp =
          TcpServer.builder()
              .name(tls == null ? "http" : "https")
              .group(group)
              .bind(address)
              .handler(tls == null ? http : overTls(http))
              .maxConnections(options.maxConnections())
              // The refusal goes out in clear: a TLS client could not read it.
              .refusal(tls == null ? busy(options) : new byte[0])
              .idleTimeout(options.keepAliveTimeout())
              .start();
      return new HttpServer(tcp, state);
    }

    private ConnectionHandlerFactory overTls(ConnectionHandlerFactory http) {
      String body = "This port speaks HTTPS.\n";
      return TlsHandlerFactory.builder(tls)
          .applicationProtocols("http/1.1")
          .handshakeTimeout(tlsHandshakeTimeout)
          .plainTextRefusal(
              "HTTP/1.1 400 Bad Request\r\nServer: pollux\r\nContent-Type: text/plain\r\n"
                  + "Content-Length: "
                  + body.length()
                  + "\r\nConnection: close\r\n\r\n"
                  + body)
          .build(http);
    }

    private static byte[] busy(HttpServerOptions options) {
      byte[] json = Problem.json(HttpStatus.SERVICE_UNAVAILABLE, "too many connections");
      StringBuilder defaults = new StringBuilder();
      options
          .defaultHeaders()
          .forEach(
              (name, value) -> defaults.append(name).append(": ").append(value).append("\r\n"));
      String head =
          "HTTP/1.1 503 Service Unavailable\r\nServer: pollux\r\nRetry-After: 1\r\n"
              + defaults
              + "Content-Type: application/problem+json\r\nContent-Length: "
              + json.length
              + "\r\nConnection: close\r\n\r\n";
      byte[] headBytes = head.getBytes(StandardCharsets.ISO_8859_1);
      byte[] all = new byte[headBytes.length + json.length];
      System.arraycopy(headBytes, 0, all, 0, headBytes.length);
      System.arraycopy(json, 0, all, headBytes.length, json.length);
      return all;
    }
  }
}
