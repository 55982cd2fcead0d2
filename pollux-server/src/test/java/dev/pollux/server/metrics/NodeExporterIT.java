package dev.pollux.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pollux.device.Device;
import dev.pollux.testing.sysfs.FakeSysfs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the real node_exporter 1.5 (Debian's {@code prometheus-node-exporter}) on the same fake tree
 * as Pollux's {@link Device}, and checks that the node_exporter families Pollux promises have the
 * same series — names, labels, values, help and type — on both pages, for the tree as built and
 * after several seeded random rewrites of its values.
 */
class NodeExporterIT {
  /** The families of design.md's /metrics row, plus the hwmon current and power ones. */
  private static final List<String> FAMILIES =
      List.of(
          "node_thermal_zone_temp",
          "node_hwmon_temp_celsius",
          "node_hwmon_fan_rpm",
          "node_hwmon_in_volts",
          "node_hwmon_curr_amps",
          "node_hwmon_power_watt",
          "node_hwmon_chip_names",
          "node_load1",
          "node_load5",
          "node_load15",
          "node_memory_MemTotal_bytes",
          "node_memory_MemAvailable_bytes");

  private static final List<String> COLLECTORS =
      List.of("thermal_zone", "hwmon", "loadavg", "meminfo");
  private static final Duration STARTUP = Duration.ofSeconds(30);

  @TempDir Path dir;
  private FakeSysfs fake;
  private Device device;
  private Metrics metrics;
  private Process nodeExporter;
  private Path nodeExporterLog;
  private HttpClient http;
  private URI nodeExporterUri;

  @BeforeEach
  void setUp() throws IOException {
    Path binary = ExternalTool.require("prometheus-node-exporter", "prometheus-node-exporter");
    fake = HardwareTree.build(dir.resolve("tree"));
    device = HardwareTree.open(fake);
    metrics = new Metrics(device, "test", "0.1.0", "nio");
    http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    nodeExporterLog = dir.resolve("node_exporter.log");
    int port = freePort();
    nodeExporterUri = URI.create("http://127.0.0.1:" + port + "/metrics");
    nodeExporter =
        new ProcessBuilder(
                binary.toString(),
                "--path.sysfs=" + fake.sysfsRoot(),
                "--path.procfs=" + fake.procfsRoot(),
                "--web.listen-address=127.0.0.1:" + port,
                "--collector.disable-defaults",
                "--collector.thermal_zone",
                "--collector.hwmon",
                "--collector.loadavg",
                "--collector.meminfo")
            .redirectErrorStream(true)
            .redirectOutput(nodeExporterLog.toFile())
            .start();
    await("node_exporter answering on " + nodeExporterUri)
        .atMost(STARTUP)
        .pollInterval(Duration.ofMillis(100))
        .ignoreExceptionsInstanceOf(IOException.class)
        .until(
            () -> {
              assertThat(nodeExporter.isAlive())
                  .as("node_exporter still running; its log:%n%s", log())
                  .isTrue();
              return get(nodeExporterUri).statusCode() == 200;
            });
  }

  @AfterEach
  void tearDown() throws InterruptedException {
    if (nodeExporter != null) {
      nodeExporter.destroy();
      if (!nodeExporter.waitFor(10, TimeUnit.SECONDS)) {
        nodeExporter.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
    if (http != null) {
      http.close();
    }
    if (device != null) {
      device.close();
    }
  }

  @Test
  void matchesNodeExporterOnTheBuiltTree() throws Exception {
    compare("the tree as built");
  }

  @Test
  void matchesNodeExporterAfterRandomValues() throws Exception {
    for (long seed = 1; seed <= 8; seed++) {
      HardwareTree.randomize(fake, new Random(seed));
      compare("random values of seed " + seed);
    }
  }

  private void compare(String what) throws Exception {
    device.sampleOnce();
    Exposition pollux = Exposition.parse(scrapePollux());
    String nodeText = get(nodeExporterUri).body();
    Exposition node = Exposition.parse(nodeText);

    for (String collector : COLLECTORS) {
      assertThat(node.value("node_scrape_collector_success", Map.of("collector", collector)))
          .as(
              "%s: node_exporter's %s collector succeeded; its page:%n%s",
              what, collector, nodeText)
          .isEqualTo(1.0);
    }
    for (String family : FAMILIES) {
      Map<String, Double> expected = byKey(node, family);
      assertThat(expected)
          .as("%s: node_exporter shows %s (else the comparison proves nothing)", what, family)
          .isNotEmpty();
      assertThat(byKey(pollux, family))
          .as("%s: Pollux's %s series against node_exporter's", what, family)
          .isEqualTo(expected);
      assertThat(pollux.help().get(family))
          .as("%s: HELP of %s", what, family)
          .isEqualTo(node.help().get(family));
      assertThat(pollux.types().get(family))
          .as("%s: TYPE of %s", what, family)
          .isEqualTo(node.types().get(family));
    }
  }

  /** The series of {@code family} as {@code name{labels}} → value. */
  private static Map<String, Double> byKey(Exposition page, String family) {
    Map<String, Double> series = new TreeMap<>();
    for (Exposition.Series s : page.named(family)) {
      series.put(s.key(), s.value());
    }
    return series;
  }

  private String scrapePollux() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    metrics.writeTo(out);
    return out.toString(StandardCharsets.UTF_8);
  }

  private HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build();
    return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private String log() throws IOException {
    return Files.exists(nodeExporterLog) ? Files.readString(nodeExporterLog) : "(none)";
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
