package dev.pollux.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.pollux.device.Reading;
import dev.pollux.server.PolluxServer;
import dev.pollux.server.StartupException;
import dev.pollux.server.cli.PolluxCommand;
import dev.pollux.testing.net.Leaks;
import dev.pollux.testing.net.RawClient;
import dev.pollux.testing.sysfs.FakeSysfs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A running Pollux server for the HTTP API tests: HTTP on 127.0.0.1 port 0, TCP off, sampling a
 * {@link FakeSysfs} tree every 100 ms, with the token {@link #TOKEN}; and a {@link HttpClient} for
 * it. {@link #close()} stops both. The tree ({@link #standardTree}) has the primary CPU zone at
 * 48.312 °C, a broken GPU zone (a directory in place of its {@code temp}), an LED and /proc files.
 *
 * <p>Use {@link #leakCheck()} before starting and {@link Leaks#assertReleased()} after closing: the
 * first call runs one server through every route, so that the jars and JDK pollers opened once per
 * process are not counted as a test's leak.
 */
final class ApiFixture implements AutoCloseable {

  static final String TOKEN = "t0ken";
  static final String DEVICE_ID = "test-pi";
  static final String PRIMARY = "thermal_zone0";
  static final String BROKEN = "thermal_zone1";
  static final String LED = "led_act";
  static final int LED_MAX = 255;

  /** Generous: the machine running the tests is small and shared. */
  static final Duration DEADLINE = Duration.ofSeconds(20);

  private static boolean warmedUp;

  final FakeSysfs tree;
  final PolluxServer server;
  final HttpClient client;
  private final AtomicBoolean closed = new AtomicBoolean();

  private ApiFixture(FakeSysfs tree, PolluxServer server) {
    this.tree = tree;
    this.server = server;
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
  }

  /** The standard tree under {@code dir}. */
  static FakeSysfs standardTree(Path dir) {
    FakeSysfs tree =
        FakeSysfs.in(dir)
            .thermalZone(0, "cpu-thermal", 48_312)
            .thermalZone(1, "gpu-thermal", 40_000)
            .led("act", 0, LED_MAX)
            .loadavg(0.5, 0.4, 0.3)
            .meminfo(4_000_000, 3_000_000);
    return tree.directoryInPlaceOf(tree.thermalZoneDir(1).resolve("temp"));
  }

  /** A server with the token on the standard tree under {@code dir}, plus {@code extraArgs}. */
  static ApiFixture start(Path dir, String... extraArgs) {
    return start(standardTree(dir), true, extraArgs);
  }

  /** A server on {@code tree}, with or without the token, plus {@code extraArgs}. */
  static ApiFixture start(FakeSysfs tree, boolean withToken, String... extraArgs) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--bind", "127.0.0.1",
                "--http-port", "0",
                "--tcp-port", "off",
                "--sysfs", tree.sysfsRoot().toString(),
                "--procfs", tree.procfsRoot().toString(),
                "--interval", "100ms",
                "--device-id", DEVICE_ID,
                "--loops", "2"));
    if (withToken) {
      args.addAll(List.of("--token", TOKEN));
    }
    args.addAll(List.of(extraArgs));
    PolluxServer server;
    try {
      server = PolluxServer.start(PolluxCommand.parse(args, Map.of()));
    } catch (StartupException e) {
      throw new AssertionError("PolluxServer.start(" + args + ") failed: " + e.getMessage(), e);
    }
    ApiFixture fixture = new ApiFixture(tree, server);
    await("the first sample of " + PRIMARY)
        .atMost(DEADLINE)
        .until(() -> fixture.reading(PRIMARY) != null && fixture.reading(PRIMARY).ok());
    return fixture;
  }

  /** A leak baseline, taken after one warm-up run per process (see the class comment). */
  static synchronized Leaks leakCheck() {
    if (!warmedUp) {
      warmUp();
      warmedUp = true;
    }
    return Leaks.snapshot("pollux-");
  }

  private static void warmUp() {
    Path dir;
    try {
      dir = Files.createTempDirectory("pollux-api-warmup");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    FakeSysfs tree = standardTree(dir);
    try (ApiFixture api = start(tree, true)) {
      for (String path :
          List.of(
              "/",
              "/temp",
              "/healthz",
              "/metrics",
              "/api/v1/device",
              "/api/v1/sensors",
              "/api/v1/sensors/" + PRIMARY + "/history?since=1m",
              "/api/v1/actuators",
              "/assets/uplot/uPlot.iife.min.js")) {
        api.get(path);
      }
      api.send(api.request("/api/v1/actuators/" + LED).PUT(bodyOf("{\"value\": 1}")));
      try (RawClient raw = api.raw()) {
        raw.write("GET /api/v1/events HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(raw.readLine()).as("warm-up: the status line of /api/v1/events").contains("200");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("warm-up: GET /api/v1/events", e);
    } finally {
      tree.delete(dir);
    }
  }

  /** The server's HTTP address. */
  InetSocketAddress address() {
    return server.httpAddress().orElseThrow(() -> new AssertionError("HTTP is not listening"));
  }

  URI uri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + address().getPort() + pathAndQuery);
  }

  HttpRequest.Builder request(String pathAndQuery) {
    return HttpRequest.newBuilder(uri(pathAndQuery)).timeout(DEADLINE);
  }

  static HttpRequest.BodyPublisher bodyOf(String text) {
    return HttpRequest.BodyPublishers.ofString(text);
  }

  /** {@code GET pathAndQuery}, the body as a string. */
  HttpResponse<String> get(String pathAndQuery) {
    return send(request(pathAndQuery).GET());
  }

  HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return client.send(request.build(), BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException("sending " + request.build(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted sending " + request.build(), e);
    }
  }

  /** A raw connection to the server, reads failing after {@link #DEADLINE}. */
  RawClient raw() {
    try {
      return RawClient.connect(
          new InetSocketAddress(InetAddress.getLoopbackAddress(), address().getPort()), DEADLINE);
    } catch (IOException e) {
      throw new UncheckedIOException("connecting to " + address(), e);
    }
  }

  /** The device's current reading of {@code id}, or null. */
  Reading reading(String id) {
    return server.device().snapshot().reading(id);
  }

  /** The file of thermal zone {@code n}'s temperature. */
  Path zoneTemp(int n) {
    return tree.thermalZoneDir(n).resolve("temp");
  }

  /** The LED's brightness file. */
  Path ledBrightness() {
    return tree.sysfsRoot().resolve("class/leds/act/brightness");
  }

  /** {@code body} parsed as a JSON object. */
  static Map<String, Object> json(HttpResponse<String> response) {
    try {
      return JSON.std.mapFrom(response.body());
    } catch (IOException e) {
      throw new AssertionError(
          response.request().method()
              + " "
              + response.request().uri()
              + ": not a JSON object: "
              + response.body(),
          e);
    }
  }

  /**
   * Checks that {@code response} is an RFC 9457 problem with {@code status}, carrying {@code
   * nosniff} and not revealing the token.
   */
  static void assertProblem(HttpResponse<String> response, int status) {
    String call = response.request().method() + " " + response.request().uri();
    assertThat(response.statusCode())
        .as("%s: status; body %s", call, response.body())
        .isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type"))
        .as("%s: Content-Type", call)
        .hasValue("application/problem+json");
    assertThat(response.headers().firstValue("X-Content-Type-Options"))
        .as("%s: X-Content-Type-Options", call)
        .hasValue("nosniff");
    Map<String, Object> problem = json(response);
    assertThat(problem)
        .as("%s: the problem document", call)
        .containsKeys("type", "title", "detail")
        .containsEntry("status", status);
    assertThat(response.body()).as("%s: the body shows no token", call).doesNotContain(TOKEN);
  }

  /** Stops the client and the server; again does nothing. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      client.close();
      server.close();
    }
  }
}
