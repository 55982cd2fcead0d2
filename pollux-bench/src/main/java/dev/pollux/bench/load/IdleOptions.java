package dev.pollux.bench.load;

import dev.pollux.bench.Flags;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;

/**
 * What {@link IdleConnections} opens: {@code connections} connections to {@code server}, from
 * {@code firstSource}, {@code firstSource + 1}, ... ({@code perSource} each), at most {@code
 * inFlight} at a time, each sending {@code GET path}, all served within {@code openTimeout}.
 */
public record IdleOptions(
    InetSocketAddress server,
    InetAddress firstSource,
    int perSource,
    int connections,
    int inFlight,
    String path,
    Duration openTimeout) {

  /** Checks the values: positive counts, an IPv4 source range within one /8, a path. */
  public IdleOptions {
    if (connections < 1 || perSource < 1 || inFlight < 1) {
      throw new IllegalArgumentException(
          "need connections, perSource, inFlight >= 1: "
              + connections
              + ", "
              + perSource
              + ", "
              + inFlight);
    }
    if (firstSource.getAddress().length != 4) {
      throw new IllegalArgumentException("the source must be IPv4: " + firstSource);
    }
    int first = ByteBuffer.wrap(firstSource.getAddress()).getInt();
    int last = first + (connections - 1) / perSource;
    if (first >>> 24 != last >>> 24) {
      throw new IllegalArgumentException(
          "the source addresses leave "
              + (first >>> 24)
              + ".0.0.0/8: "
              + connections
              + " connections from "
              + firstSource.getHostAddress()
              + ", "
              + perSource
              + " each");
    }
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("the path must start with '/': " + path);
    }
    if (openTimeout.isNegative() || openTimeout.isZero()) {
      throw new IllegalArgumentException("openTimeout <= 0: " + openTimeout);
    }
  }

  /** The source address of connection {@code index}. */
  public InetAddress source(int index) {
    int first = ByteBuffer.wrap(firstSource.getAddress()).getInt();
    byte[] address = ByteBuffer.allocate(4).putInt(first + index / perSource).array();
    try {
      return InetAddress.getByAddress(address);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("four bytes are always an address", e);
    }
  }

  /** From the command line (see the type's description). */
  static IdleOptions parse(String[] args) {
    Flags flags =
        Flags.parse(
            args,
            List.of(
                "port",
                "host",
                "connections",
                "source",
                "per-source",
                "in-flight",
                "path",
                "open-seconds"));
    if (flags.word() != null) {
      throw new IllegalArgumentException("unexpected argument: " + flags.word());
    }
    int port = flags.getInt("port", 8080, 1, 65_535);
    return new IdleOptions(
        new InetSocketAddress(literal("host", flags.get("host", "127.0.0.1")), port),
        literal("source", flags.get("source", "127.0.0.2")),
        flags.getInt("per-source", 5_000, 1, 60_000),
        flags.getInt("connections", 100, 1, 1_000_000),
        flags.getInt("in-flight", 256, 1, 65_536),
        flags.get("path", "/plaintext"),
        Duration.ofSeconds(flags.getInt("open-seconds", 120, 1, 3600)));
  }

  /** The address {@code --name} gives, which must be a literal: no name is looked up. */
  private static InetAddress literal(String name, String address) {
    try {
      return InetAddress.ofLiteral(address);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--" + name + " is not an IP address: " + address, e);
    }
  }
}
