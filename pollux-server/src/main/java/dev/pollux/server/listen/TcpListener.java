package dev.pollux.server.listen;

import dev.pollux.loop.ConnectionHandlerFactory;
import dev.pollux.loop.EventLoopGroup;
import dev.pollux.loop.TcpServer;
import dev.pollux.loop.TlsHandlerFactory;
import dev.pollux.server.StartupException;
import dev.pollux.server.cli.TlsSettings;
import dev.pollux.server.metrics.Metrics;
import dev.pollux.server.tcp.TcpProtocol;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;

/**
 * The TCP line protocol on its port, over TLS when {@code tls} is given (ALPN none). It owns the
 * {@link TcpProtocol} it serves: {@link #close()} stops listening, then stops the protocol's
 * watches.
 */
public final class TcpListener implements AutoCloseable {

  private final TcpServer server;
  private final TcpProtocol protocol;

  private TcpListener(TcpServer server, TcpProtocol protocol) {
    this.server = server;
    this.protocol = protocol;
  }

  /**
   * Listens for {@code protocol}; its connections and dropped watch lines go to {@code metrics}.
   * The protocol is closed when listening fails.
   *
   * @throws StartupException when it cannot listen there
   */
  public static TcpListener start(
      ListenAddress address,
      TcpProtocol protocol,
      Optional<TlsSettings> tls,
      EventLoopGroup group,
      Limits limits,
      Metrics metrics)
      throws StartupException {
    TcpServer server;
    try {
      server =
          address.open(
              bind ->
                  TcpServer.builder()
                      .name(address.protocol().label())
                      .group(group)
                      .bind(bind)
                      .handler(overTls(tls, protocol))
                      // Over TLS a busy refusal would be plain text the client cannot read.
                      .refusal(tls.isPresent() ? new byte[0] : TcpProtocol.REFUSAL)
                      .maxConnections(limits.maxConnections())
                      .idleTimeout(limits.idleTimeout())
                      .start());
    } catch (StartupException | RuntimeException e) {
      protocol.close();
      throw e;
    }
    metrics.registerServer(address.protocol().label(), server::stats);
    metrics.registerWatchSamplesDropped(protocol::watchLinesDropped);
    return new TcpListener(server, protocol);
  }

  /** Connections beyond {@code maxConnections} are refused; a silent one ends after the timeout. */
  public record Limits(int maxConnections, Duration idleTimeout) {}

  private static ConnectionHandlerFactory overTls(Optional<TlsSettings> tls, TcpProtocol protocol) {
    return tls.<ConnectionHandlerFactory>map(
            settings ->
                TlsHandlerFactory.builder(settings.context())
                    .handshakeTimeout(settings.handshakeTimeout())
                    .plainTextRefusal("ERR this port speaks TLS\n")
                    .build(protocol))
        .orElse(protocol);
  }

  /** The address, with the real port. */
  public InetSocketAddress address() {
    return server.localAddress();
  }

  /** The protocol served, with its handlers and counters. */
  public TcpProtocol protocol() {
    return protocol;
  }

  /** Stops accepting, then the protocol's watches. */
  @Override
  public void close() {
    try {
      server.close();
    } finally {
      protocol.close();
    }
  }

  @Override
  public String toString() {
    return server.toString();
  }
}
