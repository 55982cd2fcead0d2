package dev.pollux.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.pollux.device.Reading;
import dev.pollux.gpio.GpioChips;
import dev.pollux.server.cli.PolluxCommand;
import dev.pollux.server.cli.ServerConfig;
import dev.pollux.testing.net.RawClient;
import dev.pollux.testing.net.RawResponse;
import dev.pollux.testing.sysfs.FakeSysfs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link PolluxServer} started in-process for an integration test, the one way the tests start
 * one: a {@link Builder} says which listeners run (HTTP, TCP; each on 127.0.0.1 port 0, or off),
 * which fake sysfs/procfs tree is sampled and how often, the token, the transport and any other
 * option, builds the {@link ServerConfig} from those options as the command line does, and starts
 * the server. Leaks are checked by {@code LeakCheck} around each test, not here.
 *
 * <pre>{@code
 * try (TestServer server = TestServer.on(TestServer.standardTree(dir)).tcp().start();
 *     RawClient client = server.connectTcp()) {
 *   client.write("temp\n");
 *   assertThat(client.readLine()).isEqualTo("48.312");
 * }
 * }</pre>
 */
public final class TestServer implements AutoCloseable {

  /** The token a server accepts unless started with {@link Builder#noToken()}. */
  public static final String TOKEN = "Zq9-sekret-7Hk2-wVx";

  /** The device id unless {@link Builder#deviceId} says otherwise. */
  public static final String DEVICE_ID = "test-device";

  /** The default sampling interval: short, yet long enough that a loaded machine stays fresh. */
  public static final Duration INTERVAL = Duration.ofMillis(200);

  /** How long a condition over the running server may take on a loaded two-core machine. */
  public static final Duration DEADLINE = Duration.ofSeconds(20);

  private final FakeSysfs tree;
  private final PolluxServer server;

  private TestServer(FakeSysfs tree, PolluxServer server) {
    this.tree = tree;
    this.server = server;
  }

  /** A builder for a server on {@code tree}, with every listener off until asked for. */
  public static Builder on(FakeSysfs tree) {
    return new Builder(tree);
  }

  /**
   * A builder for a server on this machine's own {@code /sys} and {@code /proc}, for the tests that
   * compare it with another tool reading them (node_exporter); its {@link #tree()} is null.
   */
  public static Builder onThisMachine() {
    return new Builder(null);
  }

  /**
   * The tree most TCP tests use: {@code thermal_zone0} ({@code cpu-thermal}, 48.312 °C, the
   * primary), {@code thermal_zone1} ({@code gpu-thermal}, 41.25 °C), load averages 0.52 0.58 0.59,
   * memory 1000000 kB total / 250000 kB available, and the LED {@code led_act} (0 of 255).
   */
  public static FakeSysfs standardTree(Path dir) {
    return FakeSysfs.in(dir)
        .thermalZone(0, "cpu-thermal", 48_312)
        .thermalZone(1, "gpu-thermal", 41_250)
        .loadavg(0.52, 0.58, 0.59)
        .meminfo(1_000_000, 250_000)
        .led("ACT", 0, 255);
  }

  /** The server itself. */
  public PolluxServer server() {
    return server;
  }

  /** The tree it samples; null on {@link #onThisMachine()}. */
  public FakeSysfs tree() {
    return tree;
  }

  /** {@link dev.pollux.server.tcp.TcpProtocol#watchLinesDropped()} of this server. */
  public long watchLinesDropped() {
    return server.tcpProtocol().watchLinesDropped();
  }

  /** The HTTP listener's address; fails when HTTP is off. */
  public InetSocketAddress httpAddress() {
    return server.httpAddress().orElseThrow(() -> new AssertionError("HTTP is not listening"));
  }

  /** The HTTP listener's port. */
  public int httpPort() {
    return httpAddress().getPort();
  }

  /** The TCP protocol's port; fails when TCP is off. */
  public int tcpPort() {
    return server
        .tcpAddress()
        .orElseThrow(() -> new AssertionError("TCP is not listening"))
        .getPort();
  }

  /** A raw connection to the HTTP port, reads failing after {@link #DEADLINE}. */
  public RawClient rawHttp() {
    return connect(httpPort());
  }

  /** A TCP protocol connection, its banner read and checked; the caller closes it. */
  public RawClient connectTcp() throws IOException {
    RawClient client = connect(tcpPort());
    try {
      assertThat(client.readLine())
          .as("the banner, the first line after connecting")
          .startsWith("pollux " + server.info().version() + " on " + server.info().deviceId());
      return client;
    } catch (IOException | AssertionError e) {
      client.close();
      throw e;
    }
  }

  /** The answer to one TCP line on a new connection. */
  public String tcpAsk(String line) throws IOException {
    try (RawClient client = connectTcp()) {
      return client.write(line + "\n").readLine();
    }
  }

  /**
   * Sends {@code method target} with {@code headers} (each {@code "Name: value"}) and a JSON {@code
   * body} (or none, when null) on a new connection with {@code Connection: close}, and reads the
   * whole answer.
   */
  public RawResponse exchange(String method, String target, String body, String... headers)
      throws IOException {
    String requestLine = method + " " + target + " HTTP/1.1";
    StringBuilder request = new StringBuilder(requestLine).append("\r\nHost: 127.0.0.1\r\n");
    for (String header : headers) {
      request.append(header).append("\r\n");
    }
    byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    if (body != null) {
      request.append("Content-Type: application/json\r\n");
      request.append("Content-Length: ").append(bytes.length).append("\r\n");
    }
    request.append("Connection: close\r\n\r\n");
    try (RawClient client = rawHttp()) {
      client.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
      client.write(bytes);
      return RawResponse.parse(requestLine, client.readToEnd());
    }
  }

  /** {@code GET target} over a raw connection. */
  public RawResponse get(String target) throws IOException {
    return exchange("GET", target, null);
  }

  /** The reading of {@code id} in {@code GET /api/v1/sensors}, or null when it is not listed. */
  @SuppressWarnings("unchecked") // the JSON shape is checked by HttpApiIT; a wrong one fails here
  public Map<String, Object> sensor(String id) throws IOException {
    RawResponse response = get("/api/v1/sensors");
    assertThat(response.status()).as("%s", response).isEqualTo(200);
    Map<String, Object> document = JSON.std.mapFrom(response.bodyText());
    for (Object reading : (List<Object>) document.get("sensors")) {
      Map<String, Object> map = (Map<String, Object>) reading;
      if (id.equals(map.get("id"))) {
        return map;
      }
    }
    return null;
  }

  /**
   * The samples of {@code /metrics} named {@code name} whose labels include every one of {@code
   * labels}, e.g. {@code sensor="thermal_zone0"} (in any order, as the exposition sorts them).
   */
  public List<String> metricLines(String name, String... labels) throws IOException {
    RawResponse response = get("/metrics");
    assertThat(response.status()).as("%s", response).isEqualTo(200);
    return response
        .bodyText()
        .lines()
        .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
        .filter(line -> Arrays.stream(labels).allMatch(line::contains))
        .toList();
  }

  /** The value of the first sample {@link #metricLines} finds; -1 if none. */
  public double metric(String name, String... labels) throws IOException {
    List<String> lines = metricLines(name, labels);
    return lines.isEmpty()
        ? -1
        : Double.parseDouble(lines.getFirst().substring(lines.getFirst().lastIndexOf(' ') + 1));
  }

  /** The device's current reading of {@code id}, or null. */
  public Reading reading(String id) {
    return server.device().snapshot().reading(id);
  }

  /** Waits until {@code id} has a good reading; returns this. */
  public TestServer awaitGoodSample(String id) {
    await("the first good sample of " + id)
        .atMost(DEADLINE)
        .until(() -> reading(id) != null && reading(id).ok());
    return this;
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

  /** The brightness file of the LED {@code led_<name>}, stripped. */
  public String ledBrightness(String name) {
    try {
      return Files.readString(tree.sysfsRoot().resolve("class/leds/" + name + "/brightness"))
          .strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static RawClient connect(int port) {
    try {
      return RawClient.connect(
          new InetSocketAddress(InetAddress.getLoopbackAddress(), port), DEADLINE);
    } catch (IOException e) {
      throw new UncheckedIOException("connecting to 127.0.0.1:" + port, e);
    }
  }

  /** Stops the server. */
  @Override
  public void close() {
    server.close();
  }

  /**
   * What to start. Every setting becomes a command-line option, so that the configuration is built
   * by {@link PolluxCommand#parse} exactly as for a user; {@link #option} adds any other, and a
   * later value of an option replaces an earlier one.
   */
  public static final class Builder {
    private final FakeSysfs tree;
    private final Map<String, String> options = new LinkedHashMap<>();
    private final List<String> extraArgs = new ArrayList<>();
    private Map<String, String> env = Map.of();
    private GpioChips gpio;

    private Builder(FakeSysfs tree) {
      this.tree = tree;
      option("--bind", "127.0.0.1");
      option("--http-port", "off");
      option("--tcp-port", "off");
      if (tree != null) {
        option("--sysfs", tree.sysfsRoot().toString());
        option("--procfs", tree.procfsRoot().toString());
      }
      interval(INTERVAL);
      option("--loops", "2");
      deviceId(DEVICE_ID);
      token(TOKEN);
    }

    /** HTTP on 127.0.0.1, port 0. */
    public Builder http() {
      return httpPort(0);
    }

    /** HTTP on 127.0.0.1:{@code port}, e.g. the port of a server just closed. */
    public Builder httpPort(int port) {
      return option("--http-port", Integer.toString(port));
    }

    /** The TCP protocol on 127.0.0.1, port 0. */
    public Builder tcp() {
      return option("--tcp-port", "0");
    }

    /** The token writes and {@code auth} need. */
    public Builder token(String token) {
      return option("--token", token);
    }

    /** No token: the server is read-only to everyone. */
    public Builder noToken() {
      options.remove("--token");
      return this;
    }

    /** The sampling interval. */
    public Builder interval(Duration interval) {
      return option("--interval", interval.toMillis() + "ms");
    }

    /** The I/O model, {@code --io}: {@code nio}, {@code epoll} or {@code auto}. */
    public Builder transport(String io) {
      return option("--io", io);
    }

    /** The device id. */
    public Builder deviceId(String id) {
      return option("--device-id", id);
    }

    /** {@code --name value}; replaces an earlier value of the same option. */
    public Builder option(String name, String value) {
      options.remove(name); // re-inserted last, as a user would write it
      options.put(name, value);
      return this;
    }

    /** Option-value pairs, e.g. {@code "--max-connections", "2"}. */
    public Builder options(String... pairs) {
      return options(List.of(pairs));
    }

    /** Option-value pairs, e.g. {@code "--max-connections", "2"}. */
    public Builder options(List<String> pairs) {
      if (pairs.size() % 2 != 0) {
        throw new IllegalArgumentException("options come in pairs: " + pairs);
      }
      for (int i = 0; i < pairs.size(); i += 2) {
        option(pairs.get(i), pairs.get(i + 1));
      }
      return this;
    }

    /**
     * Arguments added after all the others as they are, e.g. a flag without a value such as {@code
     * --access-log}; they do not replace options set before.
     */
    public Builder args(String... args) {
      return args(List.of(args));
    }

    /** Arguments added after all the others as they are; see {@link #args(String...)}. */
    public Builder args(List<String> args) {
      extraArgs.addAll(args);
      return this;
    }

    /** The environment the command line reads ({@code POLLUX_TOKEN}...). */
    public Builder env(Map<String, String> env) {
      this.env = Map.copyOf(env);
      return this;
    }

    /** The GPIO chips the server opens (a fake one), instead of the system's. */
    public Builder gpio(GpioChips chips) {
      this.gpio = chips;
      return this;
    }

    /** The command line these settings make. */
    public List<String> args() {
      List<String> args = new ArrayList<>();
      options.forEach(
          (name, value) -> {
            args.add(name);
            args.add(value);
          });
      args.addAll(extraArgs);
      return args;
    }

    /** The configuration, parsed from {@link #args()} as the command line does. */
    public ServerConfig config() {
      return PolluxCommand.parse(args(), env);
    }

    /** Starts the server; a start-up failure fails the test with its message. */
    public TestServer start() {
      try {
        return startOrThrow();
      } catch (StartupException e) {
        throw new AssertionError("PolluxServer.start(" + args() + ") failed: " + e.getMessage(), e);
      }
    }

    /** Starts the server, or throws the start-up failure for the test to check. */
    public TestServer startOrThrow() throws StartupException {
      ServerConfig config = config();
      PolluxServer server =
          gpio == null ? PolluxServer.start(config) : PolluxServer.start(config, gpio);
      return new TestServer(tree, server);
    }
  }
}
