package dev.pollux.server.metrics;

import static dev.pollux.server.metrics.HardwareTree.CORETEMP;
import static dev.pollux.server.metrics.HardwareTree.NCT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.pollux.device.Device;
import dev.pollux.loop.LoopStats;
import dev.pollux.loop.ServerStats;
import dev.pollux.testing.sysfs.FakeSysfs;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsTest {
  private static final String CORE_TEMP1 = "hwmon_" + CORETEMP + "_temp1";
  private static final String CORE_TEMP3 = "hwmon_" + CORETEMP + "_temp3";

  @TempDir Path dir;
  private FakeSysfs fake;
  private Device device;
  private Metrics metrics;

  @BeforeEach
  void setUp() {
    fake = HardwareTree.build(dir);
    device = HardwareTree.open(fake);
    metrics = new Metrics(device, "kitchen-pi", "1.2.3", "nio");
  }

  @AfterEach
  void tearDown() {
    device.close();
  }

  @Test
  void showsSensorValuesWithKindAndUnit() throws IOException {
    device.sampleOnce();
    Exposition page = scrape();

    assertThat(
            value(
                page,
                "pollux_sensor_value",
                "sensor",
                "thermal_zone0",
                "kind",
                "temperature",
                "unit",
                "celsius"))
        .isCloseTo(45.032, within(1e-9));
    assertThat(
            value(
                page,
                "pollux_sensor_value",
                "sensor",
                "thermal_zone1",
                "kind",
                "temperature",
                "unit",
                "celsius"))
        .isCloseTo(-5.0, within(1e-9));
    assertThat(
            value(
                page,
                "pollux_sensor_value",
                "sensor",
                CORE_TEMP1,
                "kind",
                "temperature",
                "unit",
                "celsius"))
        .isCloseTo(45.0, within(1e-9));
    assertThat(
            value(
                page,
                "pollux_sensor_value",
                "sensor",
                "hwmon_" + NCT + "_fan1",
                "kind",
                "fan",
                "unit",
                "rpm"))
        .isEqualTo(1234.0);
    assertThat(
            value(
                page,
                "pollux_sensor_value",
                "sensor",
                "hwmon_" + NCT + "_in0",
                "kind",
                "voltage",
                "unit",
                "volts"))
        .isCloseTo(1.104, within(1e-9));
    assertThat(
            value(page, "pollux_sensor_value", "sensor", "load1", "kind", "load", "unit", "none"))
        .isEqualTo(0.52);
    assertThat(
            value(
                page,
                "pollux_sensor_value",
                "sensor",
                "memory_total",
                "kind",
                "memory",
                "unit",
                "bytes"))
        .isEqualTo(8_000_000 * 1024.0);
    assertThat(value(page, "pollux_sensor_status", "sensor", "thermal_zone0", "status", "ok"))
        .isEqualTo(1.0);
    assertThat(value(page, "pollux_sensor_status", "sensor", "thermal_zone0", "status", "error"))
        .isEqualTo(0.0);
    assertThat(value(page, "pollux_primary_temperature_celsius")).isCloseTo(45.032, within(1e-9));
  }

  @Test
  void showsTheNodeExporterNamesWithItsLabelsAndArithmetic() throws IOException {
    device.sampleOnce();
    Exposition page = scrape();

    // node_exporter divides by 1000: exactly 45.032, not 45.032000000000004.
    assertThat(value(page, "node_thermal_zone_temp", "zone", "0", "type", "x86_pkg_temp"))
        .isEqualTo(45.032);
    assertThat(value(page, "node_thermal_zone_temp", "zone", "1", "type", "acpitz"))
        .isEqualTo(-5.0);
    assertThat(value(page, "node_hwmon_temp_celsius", "chip", CORETEMP, "sensor", "temp1"))
        .isEqualTo(45.0);
    assertThat(value(page, "node_hwmon_temp_celsius", "chip", NCT, "sensor", "temp7"))
        .isEqualTo(38.5);
    assertThat(value(page, "node_hwmon_temp_celsius", "chip", "acpitz", "sensor", "temp1"))
        .isEqualTo(27.8);
    assertThat(value(page, "node_hwmon_fan_rpm", "chip", NCT, "sensor", "fan1")).isEqualTo(1234.0);
    assertThat(value(page, "node_hwmon_in_volts", "chip", NCT, "sensor", "in0"))
        .isEqualTo(1104 * 0.001);
    assertThat(value(page, "node_hwmon_curr_amps", "chip", NCT, "sensor", "curr1")).isEqualTo(1.5);
    assertThat(value(page, "node_hwmon_power_watt", "chip", NCT, "sensor", "power1"))
        .isEqualTo(12_345_603 / 1e6);
    assertThat(value(page, "node_hwmon_chip_names", "chip", CORETEMP, "chip_name", "coretemp"))
        .isEqualTo(1.0);
    assertThat(value(page, "node_hwmon_chip_names", "chip", "acpitz", "chip_name", "acpitz"))
        .isEqualTo(1.0);
    assertThat(value(page, "node_load1")).isEqualTo(0.52);
    assertThat(value(page, "node_load5")).isEqualTo(0.58);
    assertThat(value(page, "node_load15")).isEqualTo(0.59);
    assertThat(value(page, "node_memory_MemTotal_bytes")).isEqualTo(8_000_000 * 1024.0);
    assertThat(value(page, "node_memory_MemAvailable_bytes")).isEqualTo(4_000_000 * 1024.0);
  }

  @Test
  void followsTheTreeFromOneSampleToTheNext() throws IOException {
    device.sampleOnce();
    fake.thermalZone(0, "x86_pkg_temp", 61_250);
    fake.loadavg(1.5, 0.58, 0.59);
    device.sampleOnce();
    Exposition page = scrape();

    assertThat(value(page, "node_thermal_zone_temp", "zone", "0", "type", "x86_pkg_temp"))
        .isEqualTo(61.25);
    assertThat(
            value(
                page,
                "pollux_sensor_value",
                "sensor",
                "thermal_zone0",
                "kind",
                "temperature",
                "unit",
                "celsius"))
        .isCloseTo(61.25, within(1e-9));
    assertThat(value(page, "node_load1")).isEqualTo(1.5);
  }

  @Test
  void anErrorSensorHasNoValueButItsErrorCounterGrows() throws IOException {
    device.sampleOnce();
    Exposition first = scrape();
    device.sampleOnce();
    Exposition second = scrape();

    assertThat(second.named("pollux_sensor_value"))
        .as("value series of the broken %s", CORE_TEMP3)
        .noneMatch(s -> CORE_TEMP3.equals(s.labels().get("sensor")));
    assertThat(second.named("node_hwmon_temp_celsius"))
        .noneMatch(s -> "temp3".equals(s.labels().get("sensor")));
    assertThat(value(first, "pollux_sensor_read_errors_total", "sensor", CORE_TEMP3))
        .isEqualTo(1.0);
    assertThat(value(second, "pollux_sensor_read_errors_total", "sensor", CORE_TEMP3))
        .isEqualTo(2.0);
    assertThat(value(second, "pollux_sensor_read_errors_total", "sensor", CORE_TEMP1))
        .isEqualTo(0.0);
    assertThat(value(second, "pollux_sensor_status", "sensor", CORE_TEMP3, "status", "error"))
        .isEqualTo(1.0);
    assertThat(value(second, "pollux_sensor_status", "sensor", CORE_TEMP3, "status", "ok"))
        .isEqualTo(0.0);
    // Its chip is still annotated: node_exporter names every chip that has a name file.
    assertThat(value(second, "node_hwmon_chip_names", "chip", CORETEMP, "chip_name", "coretemp"))
        .isEqualTo(1.0);
  }

  @Test
  void aSensorThatRecoversGetsItsValueBack() throws IOException {
    device.sampleOnce();
    fake.delete(fake.sysfsRoot().resolve("devices/platform/coretemp.0/hwmon/hwmon1/temp3_input"));
    fake.write(
        fake.sysfsRoot().resolve("devices/platform/coretemp.0/hwmon/hwmon1/temp3_input"),
        "40500\n");
    device.sampleOnce();
    Exposition page = scrape();

    assertThat(value(page, "node_hwmon_temp_celsius", "chip", CORETEMP, "sensor", "temp3"))
        .isEqualTo(40.5);
    assertThat(value(page, "pollux_sensor_read_errors_total", "sensor", CORE_TEMP3)).isEqualTo(1.0);
  }

  @Test
  void keepsOneSeriesWhenTwoChipsShareANodeExporterLabel() throws IOException {
    // A second virtual chip named acpitz: node_exporter labels both chip="acpitz".
    fake.hwmon(4, "acpitz", null).temp(1, 31_000, null);
    device.rescan();
    device.sampleOnce();
    Exposition page = scrape();

    assertThat(page.named("node_hwmon_temp_celsius"))
        .filteredOn(s -> s.labels().equals(Map.of("chip", "acpitz", "sensor", "temp1")))
        .as("node_hwmon_temp_celsius{chip=acpitz,sensor=temp1}: the first chip's only")
        .extracting(Exposition.Series::value)
        .containsExactly(27.8);
    assertThat(page.named("pollux_sensor_value"))
        .filteredOn(s -> s.labels().get("sensor").startsWith("hwmon_acpitz"))
        .hasSize(2);
  }

  @Test
  void showsTheRegisteredServerFigures() throws IOException {
    metrics.registerServer("tcp", () -> new ServerStats(3, 40, 2, 1_000, 2_000));
    metrics.registerServer("http", () -> new ServerStats(5, 50, 0, 3_000, 4_000));
    metrics.registerLoops(() -> new LoopStats(100, 20, 1_500_000_000L, 7));
    metrics.registerHttpRequests(() -> new long[] {1, 200, 30, 4, 5});
    metrics.registerWatchSamplesDropped(() -> 9);
    metrics.registerMqtt(() -> new MqttFigures(true, 11, 1, 2));
    Exposition page = scrape();

    assertThat(value(page, "pollux_connections_open", "protocol", "tcp")).isEqualTo(3.0);
    assertThat(value(page, "pollux_connections_accepted_total", "protocol", "tcp")).isEqualTo(40.0);
    assertThat(value(page, "pollux_connections_refused_total", "protocol", "tcp")).isEqualTo(2.0);
    assertThat(value(page, "pollux_bytes_read_total", "protocol", "http")).isEqualTo(3_000.0);
    assertThat(value(page, "pollux_bytes_written_total", "protocol", "http")).isEqualTo(4_000.0);
    assertThat(value(page, "pollux_event_loop_iterations_total")).isEqualTo(100.0);
    assertThat(value(page, "pollux_event_loop_tasks_total")).isEqualTo(20.0);
    assertThat(value(page, "pollux_event_loop_busy_seconds_total")).isEqualTo(1.5);
    assertThat(value(page, "pollux_event_loop_timers_fired_total")).isEqualTo(7.0);
    assertThat(value(page, "pollux_http_requests_total", "code", "1xx")).isEqualTo(1.0);
    assertThat(value(page, "pollux_http_requests_total", "code", "2xx")).isEqualTo(200.0);
    assertThat(value(page, "pollux_http_requests_total", "code", "5xx")).isEqualTo(5.0);
    assertThat(value(page, "pollux_tcp_watch_samples_dropped_total")).isEqualTo(9.0);
    assertThat(value(page, "pollux_mqtt_connected")).isEqualTo(1.0);
    assertThat(value(page, "pollux_mqtt_publishes_total")).isEqualTo(11.0);
    assertThat(value(page, "pollux_mqtt_publish_failures_total")).isEqualTo(1.0);
    assertThat(value(page, "pollux_mqtt_reconnects_total")).isEqualTo(2.0);
  }

  @Test
  void leavesOutTheFamiliesOfUnregisteredSources() throws IOException {
    Exposition page = scrape();

    assertThat(page.series())
        .noneMatch(s -> s.name().startsWith("pollux_connections_"))
        .noneMatch(s -> s.name().startsWith("pollux_event_loop_"))
        .noneMatch(s -> s.name().startsWith("pollux_mqtt_"))
        .noneMatch(s -> s.name().equals("pollux_http_requests_total"));
  }

  @Test
  void aFailingSourceLosesOnlyItsOwnSeries() throws IOException {
    metrics.registerServer(
        "tcp",
        () -> {
          throw new IllegalStateException("broken on purpose");
        });
    metrics.registerServer("http", () -> new ServerStats(1, 1, 0, 10, 20));
    metrics.registerHttpRequests(() -> new long[] {1, 2});
    device.sampleOnce();
    Exposition page = scrape();

    assertThat(value(page, "pollux_connections_open", "protocol", "http")).isEqualTo(1.0);
    assertThat(page.named("pollux_connections_open")).hasSize(1);
    assertThat(page.named("pollux_http_requests_total")).isEmpty();
    assertThat(page.named("node_load1")).hasSize(1);
  }

  @Test
  void showsBuildDeviceJvmAndProcessFigures() throws IOException {
    Exposition page = scrape();

    assertThat(value(page, "pollux_build_info", "version", "1.2.3", "io", "nio")).isEqualTo(1.0);
    assertThat(value(page, "pollux_device_info", "device", "kitchen-pi")).isEqualTo(1.0);
    assertThat(page.series())
        .anyMatch(s -> s.name().equals("jvm_memory_used_bytes"))
        .anyMatch(s -> s.name().equals("jvm_threads_current"))
        .anyMatch(s -> s.name().equals("process_cpu_seconds_total"))
        .anyMatch(s -> s.name().equals("process_open_fds"));
  }

  @Test
  void twoInstancesDoNotShareARegistry() throws IOException {
    Metrics other = new Metrics(device, "other", "1.2.3", "nio");
    other.registerServer("tcp", () -> new ServerStats(1, 1, 0, 0, 0));
    Exposition page = scrape();

    assertThat(page.named("pollux_connections_open")).isEmpty();
    assertThat(page.named("jvm_memory_used_bytes")).isNotEmpty();
  }

  @Test
  void refusesAProtocolThatIsNotAToken() {
    assertThatThrownBy(() -> metrics.registerServer("TCP port", () -> null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("protocol is not [a-z0-9_]+: TCP port");
  }

  @Test
  void writesTheTextFormat004() throws IOException {
    device.sampleOnce();
    String text = scrapeText();

    assertThat(Metrics.CONTENT_TYPE)
        .isEqualTo(PrometheusTextFormatWriter.CONTENT_TYPE)
        .isEqualTo("text/plain; version=0.0.4; charset=utf-8");
    assertThat(text)
        .contains("# TYPE pollux_sensor_read_errors_total counter\n")
        .contains("# TYPE node_thermal_zone_temp gauge\n")
        .contains("# HELP node_thermal_zone_temp Zone temperature in Celsius\n")
        .contains("# HELP node_hwmon_temp_celsius Hardware monitor for temperature (input)\n")
        .contains("# HELP node_load1 1m load average.\n")
        .doesNotContain("_created");
  }

  @Test
  void leavesOutEveryNodeExporterSeriesWhenAsked() throws IOException {
    device.sampleOnce();
    Metrics withoutNodeNames =
        new Metrics(
            device,
            "kitchen-pi",
            "1.2.3",
            "nio",
            false,
            HostPaths.of(fake.procfsRoot(), fake.sysfsRoot()));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    withoutNodeNames.writeTo(out);
    Exposition page = Exposition.parse(out.toString(StandardCharsets.UTF_8));

    assertThat(page.series())
        .extracting(Exposition.Series::name)
        .noneMatch(n -> n.startsWith("node_"));
    assertThat(page.named("pollux_sensor_value")).isNotEmpty();
    assertThat(scrape().named("node_load1")).as("on by default").isNotEmpty();
  }

  @Test
  void writesOpenMetricsWhenTheScraperAsksForIt() throws IOException {
    device.sampleOnce();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    metrics.writeTo(out, true);
    String text = out.toString(StandardCharsets.UTF_8);

    assertThat(Metrics.OPENMETRICS_CONTENT_TYPE)
        .isEqualTo("application/openmetrics-text; version=1.0.0; charset=utf-8");
    assertThat(text)
        .endsWith("# EOF\n")
        .contains("# TYPE pollux_sensor_read_errors counter\n")
        .contains("# TYPE pollux_build info\n");
    // Prometheus 2.42's Accept header; a plain one or none gets the text format.
    assertThat(
            Metrics.wantsOpenMetrics(
                "application/openmetrics-text;version=1.0.0,application/openmetrics-text;"
                    + "version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1"))
        .isTrue();
    assertThat(Metrics.wantsOpenMetrics("text/plain")).isFalse();
    assertThat(Metrics.wantsOpenMetrics(null)).isFalse();
  }

  private String scrapeText() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    metrics.writeTo(out);
    return out.toString(StandardCharsets.UTF_8);
  }

  private Exposition scrape() throws IOException {
    return Exposition.parse(scrapeText());
  }

  /** The value of series {@code name} with the labels given as name, value pairs; fails if none. */
  private static double value(Exposition page, String name, String... labelPairs) {
    Map<String, String> labels = new TreeMap<>();
    for (int i = 0; i < labelPairs.length; i += 2) {
      labels.put(labelPairs[i], labelPairs[i + 1]);
    }
    Double value = page.value(name, labels);
    assertThat(value)
        .as("series %s%s; the page has %s", name, labels, page.named(name))
        .isNotNull();
    return value;
  }
}
