package dev.pollux.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.pollux.server.PolluxServer;
import dev.pollux.server.StartupException;
import dev.pollux.server.cli.PolluxCommand;
import dev.pollux.testing.net.RawClient;
import dev.pollux.testing.sysfs.FakeSysfs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Pollux server with every listener the security tests attack: HTTP and TCP on 127.0.0.1 port 0,
 * on {@link ApiFixture#standardTree} (LED {@code led_act}, 0 of 255), sampling every 100 ms, with
 * the token given however the test says (flag, environment, config file, token file). Raw sockets
 * only: the JDK's HTTP client would normalise the paths under attack.
 */
final class FullServer implements AutoCloseable {

  /** A token no fixture or log line could contain by chance. */
  static final String TOKEN = "Zq9-sekret-7Hk2-wVx";

  final FakeSysfs tree;
  final PolluxServer server;

  private FullServer(FakeSysfs tree, PolluxServer server) {
    this.tree = tree;
    this.server = server;
  }

  /** Starts on the standard tree under {@code dir} with {@code args} and {@code env} added. */
  static FullServer start(Path dir, List<String> args, Map<String, String> env) {
    FakeSysfs tree = ApiFixture.standardTree(dir.resolve("tree"));
    List<String> all =
        new ArrayList<>(
            List.of(
                "--bind", "127.0.0.1",
                "--http-port", "0",
                "--tcp-port", "0",
                "--sysfs", tree.sysfsRoot().toString(),
                "--procfs", tree.procfsRoot().toString(),
                "--interval", "100ms",
                "--device-id", ApiFixture.DEVICE_ID,
                "--loops", "2"));
    all.addAll(args);
    PolluxServer server;
    try {
      server = PolluxServer.start(PolluxCommand.parse(all, env));
    } catch (StartupException e) {
      throw new AssertionError("PolluxServer.start(" + all + ") failed: " + e.getMessage(), e);
    }
    FullServer full = new FullServer(tree, server);
    await("the first good sample of " + ApiFixture.PRIMARY)
        .atMost(ApiFixture.DEADLINE)
        .until(
            () -> {
              var reading = server.device().snapshot().reading(ApiFixture.PRIMARY);
              return reading != null && reading.ok();
            });
    return full;
  }

  /** Starts with {@code --token TOKEN}. */
  static FullServer withToken(Path dir) {
    return start(dir, List.of("--token", TOKEN), Map.of());
  }

  int httpPort() {
    return server.httpAddress().orElseThrow().getPort();
  }

  int tcpPort() {
    return server.tcpAddress().orElseThrow().getPort();
  }

  /** A raw connection to the HTTP port. */
  RawClient http() {
    return connect(httpPort());
  }

  /** A TCP protocol connection, its banner read. */
  RawClient tcp() throws IOException {
    RawClient client = connect(tcpPort());
    assertThat(client.readLine()).as("the TCP banner").startsWith("pollux ");
    return client;
  }

  /**
   * Sends {@code method target} with {@code headers} (each {@code "Name: value"}) and {@code body}
   * on a new connection with {@code Connection: close}, and reads the whole answer.
   */
  RawResponse exchange(String method, String target, String body, String... headers)
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
    try (RawClient client = http()) {
      client.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
      client.write(bytes);
      return RawResponse.parse(requestLine, client.readToEnd());
    }
  }

  /** {@code GET target}. */
  RawResponse get(String target) throws IOException {
    return exchange("GET", target, null);
  }

  /** The reading of {@code id} in {@code GET /api/v1/sensors}, or null when it is not listed. */
  @SuppressWarnings("unchecked") // the JSON shape is checked by HttpApiIT; a wrong one fails here
  Map<String, Object> sensor(String id) throws IOException {
    RawResponse response = get("/api/v1/sensors");
    assertThat(response.status).as("%s", response).isEqualTo(200);
    Map<String, Object> document =
        JSON.std.mapFrom(new String(response.body, StandardCharsets.UTF_8));
    for (Object reading : (List<Object>) document.get("sensors")) {
      Map<String, Object> map = (Map<String, Object>) reading;
      if (id.equals(map.get("id"))) {
        return map;
      }
    }
    return null;
  }

  /** The answer to one TCP line on a new connection. */
  String tcpAsk(String line) throws IOException {
    try (RawClient client = tcp()) {
      return client.write(line + "\n").readLine();
    }
  }

  /**
   * The samples of {@code /metrics} named {@code name} whose labels include every one of {@code
   * labels}, e.g. {@code sensor="thermal_zone0"} (in any order, as the exposition sorts them).
   */
  List<String> metricLines(String name, String... labels) throws IOException {
    RawResponse response = get("/metrics");
    assertThat(response.status).as("%s", response).isEqualTo(200);
    return new String(response.body, StandardCharsets.UTF_8)
        .lines()
        .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
        .filter(line -> java.util.Arrays.stream(labels).allMatch(line::contains))
        .toList();
  }

  /** The value of the first sample {@link #metricLines} finds; -1 if none. */
  double metric(String name, String... labels) throws IOException {
    List<String> lines = metricLines(name, labels);
    return lines.isEmpty()
        ? -1
        : Double.parseDouble(lines.getFirst().substring(lines.getFirst().lastIndexOf(' ') + 1));
  }

  /** The LED's brightness file, stripped. */
  String ledBrightness() {
    try {
      return Files.readString(tree.sysfsRoot().resolve("class/leds/act/brightness")).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static RawClient connect(int port) {
    try {
      return RawClient.connect(
          new InetSocketAddress(InetAddress.getLoopbackAddress(), port), ApiFixture.DEADLINE);
    } catch (IOException e) {
      throw new UncheckedIOException("connecting to 127.0.0.1:" + port, e);
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
