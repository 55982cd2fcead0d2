package dev.pollux.loop;

import dev.pollux.loop.internal.Acceptor;
import dev.pollux.loop.internal.ServerContext;
import dev.pollux.loop.spi.ListenSocket;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * A TCP listener on an {@link EventLoopGroup}: it accepts connections on one loop, spreads them
 * over the group's loops round-robin and gives each a handler from its factory. For example:
 *
 * <pre>{@code
 * TcpServer server = TcpServer.builder()
 *     .group(group)
 *     .bind(new InetSocketAddress("127.0.0.1", 0))
 *     .handler(connection -> new MyHandler())
 *     .start();
 * }</pre>
 */
public final class TcpServer implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(TcpServer.class.getName());

  /** The listen backlog asked of the kernel (which caps it at {@code net.core.somaxconn}). */
  private static final int BACKLOG = 1024;

  private final EventLoopGroup group;
  private final ServerContext context;
  private final Acceptor acceptor;

  private TcpServer(EventLoopGroup group, ServerContext context, Acceptor acceptor) {
    this.group = group;
    this.context = context;
    this.acceptor = acceptor;
  }

  /** A builder with the defaults; {@code group}, {@code bind} and {@code handler} are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** The address listened on, with the real port when port 0 was asked. */
  public InetSocketAddress localAddress() {
    return acceptor.localAddress();
  }

  /** The server's counters; any thread. */
  public ServerStats stats() {
    return context.stats();
  }

  /**
   * Stops accepting and releases the port; open connections live on until the group shuts down.
   * Idempotent; any thread.
   */
  @Override
  public void close() {
    acceptor.close();
    group.untrack(acceptor);
  }

  @Override
  public String toString() {
    return context.name() + " server on " + localAddress();
  }

  /** Settings of a {@link TcpServer}. */
  public static final class Builder {
    private String name = "tcp";
    private EventLoopGroup group;
    private InetSocketAddress address;
    private ConnectionHandlerFactory handlers;
    private int maxConnections = 10_000;
    private byte[] refusal = new byte[0];
    private Duration idleTimeout = Duration.ofSeconds(60);
    private int lowWatermarkBytes = 32 * 1024;
    private int highWatermarkBytes = 64 * 1024;

    private Builder() {}

    /** Names the server in logs and stats, e.g. {@code tcp} or {@code http}; default "tcp". */
    public Builder name(String name) {
      this.name = Objects.requireNonNull(name, "name");
      return this;
    }

    /** The loops to run on; required. */
    public Builder group(EventLoopGroup group) {
      this.group = Objects.requireNonNull(group, "group");
      return this;
    }

    /** The address to listen on; port 0 picks a free one. Required. */
    public Builder bind(InetSocketAddress address) {
      this.address = Objects.requireNonNull(address, "address");
      return this;
    }

    /** Makes the handler of each connection; required. */
    public Builder handler(ConnectionHandlerFactory handlers) {
      this.handlers = Objects.requireNonNull(handlers, "handlers");
      return this;
    }

    /** Connections open at once at most (default 10 000); excess ones are refused and closed. */
    public Builder maxConnections(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("maxConnections < 1: " + max);
      }
      this.maxConnections = max;
      return this;
    }

    /** Bytes sent, best effort, to a connection refused for being over the maximum. */
    public Builder refusal(byte[] bytes) {
      this.refusal = bytes.clone();
      return this;
    }

    /** Closes connections idle this long (default 60 s); {@link Duration#ZERO} disables. */
    public Builder idleTimeout(Duration timeout) {
      if (timeout.isNegative()) {
        throw new IllegalArgumentException("idleTimeout < 0: " + timeout);
      }
      this.idleTimeout = timeout;
      return this;
    }

    /** Queued output at which reading stops (high) and resumes (low); default 32 KiB / 64 KiB. */
    public Builder writeWatermarks(int lowBytes, int highBytes) {
      if (lowBytes < 0 || highBytes < 1 || lowBytes > highBytes) {
        throw new IllegalArgumentException(
            "need 0 <= lowBytes <= highBytes, 1 <= highBytes: " + lowBytes + ", " + highBytes);
      }
      this.lowWatermarkBytes = lowBytes;
      this.highWatermarkBytes = highBytes;
      return this;
    }

    /**
     * Binds and starts accepting.
     *
     * @throws java.net.BindException naming the address and port, e.g. {@code "cannot listen on
     *     127.0.0.1:9000: Address already in use"}
     */
    public TcpServer start() throws IOException {
      Objects.requireNonNull(group, "group is required");
      Objects.requireNonNull(address, "bind address is required");
      Objects.requireNonNull(handlers, "handler is required");
      if (group.isShutdown()) {
        throw new IllegalStateException("event loop group is shut down: " + group);
      }
      ServerContext context =
          new ServerContext(
              name, handlers, idleTimeout.toNanos(), lowWatermarkBytes, highWatermarkBytes);
      ListenSocket listen = group.transport().listen(address, BACKLOG);
      Acceptor acceptor =
          new Acceptor(context, listen, group.nextLoop(), group::nextLoop, maxConnections, refusal);
      acceptor.start();
      group.track(acceptor);
      LOG.log(Level.INFO, "{0} listening on {1}", name, HostPort.of(acceptor.localAddress()));
      return new TcpServer(group, context, acceptor);
    }
  }
}
