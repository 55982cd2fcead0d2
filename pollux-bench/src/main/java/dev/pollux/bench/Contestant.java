package dev.pollux.bench;

import dev.pollux.bench.peers.BlockingHttpServer;
import dev.pollux.bench.peers.JdkHttpServer;
import dev.pollux.bench.peers.NettyHttpServer;
import dev.pollux.bench.peers.NettyLineServer;
import dev.pollux.bench.peers.PeerServer;
import dev.pollux.bench.peers.PolluxHttpServer;
import dev.pollux.bench.peers.UndertowHttpServer;
import dev.pollux.bench.peers.VertxHttpServer;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.Locale;

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
    return switch (this) {
      case POLLUX -> PolluxHttpServer.start(address, threads, TransportLookup.byName(io));
      case NETTY_EPOLL -> NettyHttpServer.start(address, threads, true);
      case NETTY_NIO -> NettyHttpServer.start(address, threads, false);
      case UNDERTOW -> UndertowHttpServer.start(address, threads);
      case VERTX -> VertxHttpServer.start(address, threads);
      case JDK_HTTPSERVER -> JdkHttpServer.start(address);
      case BLOCKING -> BlockingHttpServer.start(address);
      case NETTY_LINE -> NettyLineServer.start(address, threads);
    };
  }
}
