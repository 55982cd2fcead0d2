package dev.pollux.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.pollux.device.Reading;
import dev.pollux.server.PolluxServer;
import dev.pollux.server.TestServer;
import dev.pollux.testing.net.LeakCheck;
import dev.pollux.testing.net.RawClient;
import dev.pollux.testing.net.RawResponse;
import dev.pollux.testing.sysfs.FakeSysfs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An HTTP API test's view of a {@link TestServer}: a {@link HttpClient} for it and the checks the
 * API tests share. {@link #server(FakeSysfs)} gives the builder the API tests start from (HTTP on
 * 127.0.0.1 port 0, TCP off, sampling every 100 ms, the token {@link #TOKEN}); {@link #start}
 * starts it and waits for the first good sample of {@link #PRIMARY}. {@link #close()} stops the
 * client and the server. The tree ({@link #standardTree}) has the primary CPU zone at 48.312 °C, a
 * broken GPU zone (a directory in place of its {@code temp}), an LED and /proc files.
 *
 * <p>Most API tests want that server fresh for each test, inside a leak check; they register
 * {@code @RegisterExtension final ApiClient api = ApiClient.standard();}, which takes the leak
 * baseline, starts the server on the standard tree in a temporary directory before each test, and
 * after it stops the server, deletes the tree and checks that descriptors and threads are back. The
 * baseline is taken after a warm-up that runs one server through every route once per process, so
 * that the jars and JDK pollers opened once per process are not counted as a test's leak; tests
 * that start their own servers register {@code
 * LeakCheck.threadsNamed("pollux-").afterWarmUp(ApiClient::warmUpOnce)} for the same reason.
 */
final class ApiClient implements AutoCloseable, BeforeEachCallback, AfterEachCallback {

  static final String TOKEN = TestServer.TOKEN;
  static final String DEVICE_ID = TestServer.DEVICE_ID;
  static final String PRIMARY = "thermal_zone0";
  static final String BROKEN = "thermal_zone1";
  static final String LED = "led_act";
  static final int LED_MAX = 255;

  /** Generous: the machine running the tests is small and shared. */
  static final Duration DEADLINE = TestServer.DEADLINE;

  /** The sampling interval of the API tests. */
  static final Duration INTERVAL = Duration.ofMillis(100);

  private static boolean warmedUp;

  // Set once: at construction, or by beforeEach for the standard() extension.
  TestServer testServer;
  FakeSysfs tree;
  PolluxServer server;
  final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final LeakCheck leaks;
  private Path dir;

  private ApiClient(TestServer testServer) {
    this.leaks = null;
    started(testServer);
  }

  private ApiClient(LeakCheck leaks) {
    this.leaks = leaks;
  }

  private void started(TestServer testServer) {
    this.testServer = testServer;
    this.tree = testServer.tree();
    this.server = testServer.server();
  }

  /** The standard server for each test, as a JUnit extension (see the class comment). */
  static ApiClient standard() {
    return new ApiClient(LeakCheck.threadsNamed("pollux-").afterWarmUp(ApiClient::warmUpOnce));
  }

  @Override
  public void beforeEach(ExtensionContext context) throws IOException {
    leaks.beforeEach(context);
    dir = Files.createTempDirectory("pollux-api");
    started(server(standardTree(dir.resolve("tree"))).start().awaitGoodSample(PRIMARY));
  }

  @Override
  public void afterEach(ExtensionContext context) {
    try {
      if (testServer != null) { // null when the start failed: that failure is the test's report
        close();
        tree.delete(dir);
      }
    } finally {
      leaks.afterEach(context);
    }
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

  /** The server of the API tests on {@code tree}: HTTP on port 0, every 100 ms, {@link #TOKEN}. */
  static TestServer.Builder server(FakeSysfs tree) {
    return TestServer.on(tree).http().interval(INTERVAL);
  }

  /**
   * The server with every listener the security tests attack: {@link #server} on the standard tree
   * under {@code dir/tree}, and TCP on port 0 too.
   */
  static TestServer.Builder fullServer(Path dir) {
    return server(standardTree(dir.resolve("tree"))).tcp();
  }

  /** A server with the token on the standard tree under {@code dir}, plus {@code extraArgs}. */
  static ApiClient start(Path dir, String... extraArgs) {
    return start(server(standardTree(dir)).args(extraArgs));
  }

  /** Starts {@code server}, waits for a good sample of {@link #PRIMARY}, and connects to it. */
  static ApiClient start(TestServer.Builder server) {
    return new ApiClient(server.start().awaitGoodSample(PRIMARY));
  }

  /** Runs one server through every route, once per process (see the class comment). */
  static synchronized void warmUpOnce() {
    if (!warmedUp) {
      warmUp();
      warmedUp = true;
    }
  }

  private static void warmUp() {
    Path dir;
    try {
      dir = Files.createTempDirectory("pollux-api-warmup");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    FakeSysfs tree = standardTree(dir);
    try (ApiClient api = start(server(tree))) {
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
    return testServer.httpAddress();
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
    return testServer.rawHttp();
  }

  /** Sends {@code method path} on a new raw connection and reads the whole answer. */
  RawResponse exchange(String method, String path) throws IOException {
    return testServer.exchange(method, path, null);
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

  /** {@code body} parsed as any JSON value (an array is a {@link List}). */
  static Object jsonValue(HttpResponse<String> response) {
    try {
      return JSON.std.anyFrom(response.body());
    } catch (IOException e) {
      throw new AssertionError(
          response.request().method()
              + " "
              + response.request().uri()
              + ": not JSON: "
              + response.body(),
          e);
    }
  }

  /** {@code body} parsed as a JSON object. */
  @SuppressWarnings("unchecked") // checked: jackson-jr reads an object as a Map<String, Object>
  static Map<String, Object> json(HttpResponse<String> response) {
    Object value = jsonValue(response);
    if (!(value instanceof Map)) {
      throw new AssertionError(
          response.request().method()
              + " "
              + response.request().uri()
              + ": not a JSON object: "
              + response.body());
    }
    return (Map<String, Object>) value;
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
      testServer.close();
    }
  }
}
