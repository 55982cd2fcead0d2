package dev.pollux.server.dashboard;

import static org.awaitility.Awaitility.await;

import dev.pollux.server.PolluxServer;
import dev.pollux.server.StartupException;
import dev.pollux.server.cli.PolluxCommand;
import dev.pollux.server.cli.ServerConfig;
import dev.pollux.testing.sysfs.FakeSysfs;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A real Pollux server on a fake tree for the browser tests, HTTP only, sampling every 200 ms; it
 * can be started again on the port of one that was closed, as after a restart.
 */
final class Server implements AutoCloseable {
  private static final Duration BIND_DEADLINE = Duration.ofSeconds(30);

  private final PolluxServer server;
  private final InetSocketAddress address;

  private Server(PolluxServer server) {
    this.server = server;
    this.address =
        server
            .httpAddress()
            .orElseThrow(() -> new IllegalStateException("the server started without HTTP"));
  }

  /**
   * Starts a server on {@code fake} with {@code token}; on {@code port} (0: a free one), retrying
   * while the port is still held by the one just closed.
   */
  static Server start(FakeSysfs fake, String token, int port) {
    ServerConfig config =
        PolluxCommand.parse(
            List.of(
                "--bind",
                "127.0.0.1",
                "--http-port",
                Integer.toString(port),
                "--tcp-port",
                "off",
                "--sysfs",
                fake.sysfsRoot().toString(),
                "--procfs",
                fake.procfsRoot().toString(),
                "--interval",
                "200ms",
                "--token",
                token),
            Map.of());
    AtomicReference<PolluxServer> started = new AtomicReference<>();
    await("PolluxServer.start on 127.0.0.1:" + port)
        .atMost(BIND_DEADLINE)
        .pollInterval(Duration.ofMillis(200))
        .ignoreException(StartupException.class)
        .until(
            () -> {
              started.set(PolluxServer.start(config));
              return true;
            });
    return new Server(started.get());
  }

  /** The dashboard's address, {@code http://127.0.0.1:<port>/}. */
  URI uri() {
    return URI.create("http://127.0.0.1:" + address.getPort() + "/");
  }

  int port() {
    return address.getPort();
  }

  @Override
  public void close() {
    server.close();
  }
}
