package dev.pollux.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pollux.server.cli.PolluxCommand;
import dev.pollux.server.cli.ServerConfig;
import dev.pollux.testing.net.Leaks;
import dev.pollux.testing.net.RawClient;
import dev.pollux.testing.sysfs.FakeSysfs;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A {@link PolluxServer} started in-process for an integration test: TCP on 127.0.0.1 port 0, HTTP
 * off, a fake sysfs/procfs tree, a short sampling interval. {@link #close()} stops it and then
 * checks that no descriptor (socket, client) and no {@code pollux-} thread is left over.
 *
 * <pre>{@code
 * try (ServerFixture server = ServerFixture.start(ServerFixture.standardTree(dir));
 *     RawClient client = server.connect()) {
 *   client.write("temp\n");
 *   assertThat(client.readLine()).isEqualTo("48.312");
 * }
 * }</pre>
 */
public final class ServerFixture implements AutoCloseable {

  /** The token every fixture server accepts for {@code auth}, unless started without one. */
  public static final String TOKEN = "s3cret-t0ken";

  /** The device id of every fixture server. */
  public static final String DEVICE_ID = "test-device";

  /** The sampling interval: short, yet long enough that a loaded machine does not go stale. */
  public static final Duration INTERVAL = Duration.ofMillis(200);

  /** How long a condition over the running server may take on a loaded two-core machine. */
  public static final Duration DEADLINE = Duration.ofSeconds(20);

  private final Leaks leaks;
  private final PolluxServer server;

  private ServerFixture(Leaks leaks, PolluxServer server) {
    this.leaks = leaks;
    this.server = server;
  }

  /**
   * The tree most tests use: {@code thermal_zone0} ({@code cpu-thermal}, 48.312 °C, the primary),
   * {@code thermal_zone1} ({@code gpu-thermal}, 41.25 °C), load averages 0.52 0.58 0.59, memory
   * 1000000 kB total / 250000 kB available, and the LED {@code led_act} (0 of 255).
   */
  public static FakeSysfs standardTree(Path dir) {
    return FakeSysfs.in(dir)
        .thermalZone(0, "cpu-thermal", 48_312)
        .thermalZone(1, "gpu-thermal", 41_250)
        .loadavg(0.52, 0.58, 0.59)
        .meminfo(1_000_000, 250_000)
        .led("ACT", 0, 255);
  }

  /**
   * Starts a server on {@code tree} with {@link #TOKEN}, {@link #INTERVAL} and two loops; {@code
   * options} are more option-value pairs, which win over these (e.g. {@code --max-connections 2},
   * or {@code --token ""} for no token).
   */
  public static ServerFixture start(FakeSysfs tree, String... options) {
    List<String> args = new ArrayList<>();
    args.addAll(
        List.of(
            "--bind",
            "127.0.0.1",
            "--tcp-port",
            "0",
            "--http-port",
            "off",
            "--sysfs",
            tree.sysfsRoot().toString(),
            "--procfs",
            tree.procfsRoot().toString(),
            "--interval",
            INTERVAL.toMillis() + "ms",
            "--loops",
            "2",
            "--device-id",
            DEVICE_ID,
            "--token",
            TOKEN));
    args.addAll(Arrays.asList(options));
    return start(PolluxCommand.parse(withoutOverridden(args), Map.of()));
  }

  /** Starts a server with exactly {@code config}; its TCP port should be 0. */
  public static ServerFixture start(ServerConfig config) {
    Leaks leaks = Leaks.snapshot("pollux-");
    try {
      return new ServerFixture(leaks, PolluxServer.start(config));
    } catch (StartupException e) {
      throw new IllegalStateException("PolluxServer.start(" + config + ") failed", e);
    }
  }

  /** The server itself. */
  public PolluxServer server() {
    return server;
  }

  /** The TCP protocol's real port. */
  public int tcpPort() {
    return server.tcpAddress().map(InetSocketAddress::getPort).orElseThrow();
  }

  /** {@link dev.pollux.server.tcp.TcpProtocol#watchLinesDropped()} of this server. */
  public long watchLinesDropped() {
    return server.tcpProtocol().watchLinesDropped();
  }

  /** Connects, reads the banner and checks it; the caller closes the client. */
  public RawClient connect() throws IOException {
    RawClient client = RawClient.connect(tcpPort());
    try {
      assertThat(client.readLine())
          .as("the banner, the first line after connecting")
          .startsWith("pollux " + server.info().version() + " on " + DEVICE_ID);
      return client;
    } catch (IOException | AssertionError e) {
      client.close();
      throw e;
    }
  }

  /**
   * Waits until the sampler has finished a whole pass that started after this call: what was
   * written to the tree before it is in the snapshot after it.
   */
  public void awaitFreshSample() {
    long now = server.device().snapshot().sequence();
    await("a sampling pass that started after sequence " + now)
        .atMost(DEADLINE)
        .until(() -> server.device().snapshot().sequence() >= now + 2);
  }

  /** Stops the server and checks that nothing is left open. */
  @Override
  public void close() {
    server.close();
    leaks.assertReleased();
  }

  /** Drops the earlier of two occurrences of an option, so that a later one replaces it. */
  private static List<String> withoutOverridden(List<String> args) {
    List<String> kept = new ArrayList<>();
    for (int i = 0; i < args.size(); i += 2) {
      String option = args.get(i);
      boolean overridden = false;
      for (int j = i + 2; j < args.size(); j += 2) {
        overridden |= args.get(j).equals(option);
      }
      if (!overridden) {
        kept.add(option);
        kept.add(args.get(i + 1));
      }
    }
    return kept;
  }
}
