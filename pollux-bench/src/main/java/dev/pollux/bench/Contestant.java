package dev.pollux.bench;

import dev.pollux.bench.peers.BlockingHttpServer;
import dev.pollux.bench.peers.JdkHttpServer;
import dev.pollux.bench.peers.NettyHttpServer;
import dev.pollux.bench.peers.NettyLineServer;
import dev.pollux.bench.peers.PeerServer;
import dev.pollux.bench.peers.PolluxHttpServer;
import dev.pollux.bench.peers.UndertowHttpServer;
import dev.pollux.bench.peers.VertxHttpServer;
import dev.pollux.loop.Transports;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.Locale;
import javax.net.ssl.SSLContext;

/**
 * The servers {@link BenchServer} can start, by the name the harness uses, e.g. {@code
 * netty-epoll}. nginx is not here: the harness runs the real binary.
 */
public enum Contestant {
  POLLUX,
  NETTY_EPOLL,
  NETTY_NIO,
  UNDERTOW,
  VERTX,
  JDK_HTTPSERVER,
  BLOCKING,
  NETTY_LINE;

  /** The name on the command line: lower case with dashes, e.g. {@code jdk-httpserver}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * The contestant called {@code label}.
   *
   * @throws IllegalArgumentException naming the label and the known ones
   */
  public static Contestant byLabel(String label) {
    for (Contestant c : values()) {
      if (c.label().equals(label)) {
        return c;
      }
    }
    throw new IllegalArgumentException(
        "unknown contestant: "
            + label
            + " (known: "
            + Arrays.stream(values()).map(Contestant::label).toList()
            + ")");
  }

  /**
   * Starts this server on {@code address} with {@code threads} I/O threads (where it has a choice)
   * and, for Pollux, the transport named {@code io}.
   */
  public PeerServer start(InetSocketAddress address, int threads, String io) throws Exception {
    return start(address, threads, io, null);
  }

  /** Whether {@link #start(InetSocketAddress, int, String, SSLContext)} can serve HTTPS. */
  public boolean servesTls() {
    return this == POLLUX || this == NETTY_EPOLL || this == NETTY_NIO;
  }

  /**
   * Starts this server as {@link #start(InetSocketAddress, int, String)} does, serving HTTPS with
   * {@code tls}'s keys when it is not null.
   *
   * @throws IllegalArgumentException when {@code tls} is given to a server that does not {@link
   *     #servesTls()}
   */
  public PeerServer start(InetSocketAddress address, int threads, String io, SSLContext tls)
      throws Exception {
    if (tls != null && !servesTls()) {
      throw new IllegalArgumentException(
          label() + " has no HTTPS here; pollux, netty-epoll and netty-nio have");
    }
    return switch (this) {
      case POLLUX -> PolluxHttpServer.start(address, threads, Transports.byName(io), tls);
      case NETTY_EPOLL -> NettyHttpServer.start(address, threads, true, tls);
      case NETTY_NIO -> NettyHttpServer.start(address, threads, false, tls);
      case UNDERTOW -> UndertowHttpServer.start(address, threads);
      case VERTX -> VertxHttpServer.start(address, threads);
      case JDK_HTTPSERVER -> JdkHttpServer.start(address);
      case BLOCKING -> BlockingHttpServer.start(address);
      case NETTY_LINE -> NettyLineServer.start(address, threads);
    };
  }
}
