package dev.pollux.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pollux.server.TestServer;
import dev.pollux.testing.net.LeakCheck;
import dev.pollux.testing.net.RawClient;
import dev.pollux.testing.sysfs.FakeSysfs;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulated fallback is marked on every plain path (the {@code X-Pollux-Simulated} header of
 * {@code /temp}, the TCP banner and {@code info}, {@code simulated="true"} in {@code /metrics}, a
 * WARN at start), and {@code --simulate=false} turns it off: then {@code /temp} is {@code 503} and
 * {@code temp} an {@code ERR} line. A real sensor carries none of the marks.
 */
class SimulatedFallbackIT {

  @RegisterExtension final LeakCheck leaks = LeakCheck.threadsNamed("pollux-");

  @TempDir Path dir;
  private HttpClient http;
  private LogCapture log;

  @BeforeEach
  void setUp() {
    http = HttpClient.newHttpClient();
    log = LogCapture.install();
  }

  @AfterEach
  void tearDown() {
    log.close();
    http.close();
  }

  /** A machine with load and memory figures but no temperature sensor at all (a container). */
  private FakeSysfs noTemperatureTree() {
    return FakeSysfs.in(dir).loadavg(0.5, 0.5, 0.5).meminfo(1_000_000, 500_000);
  }

  @Test
  void theFallbackIsMarkedOnEveryPlainPath() throws Exception {
    try (TestServer server = TestServer.on(noTemperatureTree()).tcp().http().start();
        RawClient tcp = RawClient.connect(server.tcpPort())) {
      server.awaitFreshSample();
      HttpResponse<String> temp = get(server, "/temp");
      assertThat(temp.statusCode()).isEqualTo(200);
      assertThat(temp.body()).as("the body stays a bare number").matches("-?[0-9.]+\n");
      assertThat(temp.headers().firstValue("X-Pollux-Simulated")).hasValue("true");

      assertThat(bannerOf(tcp)).contains("(simulated)");
      assertThat(ask(tcp, "info")).contains(" simulated=true");
      assertThat(ask(tcp, "temp")).matches("-?[0-9.]+");

      assertThat(get(server, "/metrics").body())
          .containsPattern("(?m)^pollux_primary_temperature_celsius\\{simulated=\"true\"} ")
          .containsPattern("(?m)^pollux_sensor_value\\{[^}]*simulated=\"true\"[^}]*} ");
      assertThat(log.text()).contains("no real temperature sensor");
    }
  }

  @Test
  void simulateFalseMeansNoMadeUpValueEver() throws Exception {
    try (TestServer server =
            TestServer.on(noTemperatureTree()).tcp().http().option("--simulate", "false").start();
        RawClient tcp = RawClient.connect(server.tcpPort())) {
      server.awaitFreshSample();
      assertThat(get(server, "/temp").statusCode()).isEqualTo(503);
      assertThat(bannerOf(tcp)).doesNotContain("simulated");
      assertThat(ask(tcp, "temp")).startsWith("ERR ");
      assertThat(ask(tcp, "info")).contains(" primary=none simulated=false");
      assertThat(get(server, "/api/v1/sensors").body()).doesNotContain("\"simulated\"");
      assertThat(get(server, "/metrics").body())
          .doesNotContain("simulated=")
          .doesNotContain("pollux_primary_temperature_celsius ");
      assertThat(log.text()).contains("no temperature sensor and --simulate=false");
    }
  }

  @Test
  void aRealSensorCarriesNoMark() throws Exception {
    FakeSysfs tree = TestServer.standardTree(dir);
    try (TestServer server = TestServer.on(tree).tcp().http().start();
        RawClient tcp = RawClient.connect(server.tcpPort())) {
      server.awaitFreshSample();
      HttpResponse<String> temp = get(server, "/temp");
      assertThat(temp.body()).isEqualTo("48.312\n");
      assertThat(temp.headers().firstValue("X-Pollux-Simulated")).isEmpty();
      assertThat(bannerOf(tcp)).doesNotContain("simulated");
      assertThat(ask(tcp, "info")).contains(" primary=thermal_zone0 simulated=false");
      assertThat(get(server, "/metrics").body())
          .containsPattern("(?m)^pollux_primary_temperature_celsius 48\\.312$")
          .doesNotContain("simulated=");
      assertThat(log.text()).doesNotContain("no real temperature sensor");
    }
  }

  /** One TCP line and its one-line reply. */
  private static String ask(RawClient tcp, String line) throws IOException {
    tcp.write(line + "\n");
    return tcp.readLine();
  }

  /** The first line after connecting. */
  private static String bannerOf(RawClient tcp) throws IOException {
    return tcp.readLine();
  }

  private HttpResponse<String> get(TestServer server, String path) throws Exception {
    int port = server.server().httpAddress().orElseThrow().getPort();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(TestServer.DEADLINE)
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
