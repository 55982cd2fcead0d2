package dev.pollux.server.api;

import static dev.pollux.server.api.ApiClient.DEADLINE;
import static dev.pollux.server.api.ApiClient.PRIMARY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pollux.server.TestServer;
import dev.pollux.testing.net.LeakCheck;
import dev.pollux.testing.net.RawResponse;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Faults of the primary temperature's file while the server samples it every 100 ms (the figures of
 * docs/robustness.md, "Faults"): garbage, an empty file, a number too long, and the file deleted.
 * Meanwhile {@code /api/v1/sensors} shows the sensor as {@code error} with a fixed reason, TCP
 * {@code temp} answers an {@code ERR} line, {@code GET /temp} a 503, {@code /metrics} counts the
 * errors and drops the value, and the other sensors keep being sampled; once the file is good again
 * every view shows the value again. (A read that blocks: {@code BlockingSensorRobustnessIT}.)
 */
class SensorFaultsIT {

  @RegisterExtension
  static final LeakCheck LEAKS =
      LeakCheck.threadsNamed("pollux-").afterWarmUp(ApiClient::warmUpOnce).aroundAll();

  private static final String GOOD = "48312\n";

  @TempDir static Path dir;
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = ApiClient.fullServer(dir).start().awaitGoodSample(ApiClient.PRIMARY);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @AfterEach
  void recovers() throws IOException {
    server.tree().write(primaryFile(), GOOD);

    awaitStatus("ok");
    assertThat(server.sensor(PRIMARY))
        .as("GET /api/v1/sensors after recovery")
        .containsEntry("value", 48.312)
        .doesNotContainKey("error");
    assertThat(server.tcpAsk("temp")).as("TCP temp after recovery").isEqualTo("48.312");
    assertThat(server.get("/temp").status()).as("GET /temp after recovery").isEqualTo(200);
    assertThat(server.metric("pollux_sensor_value", "sensor=\"" + PRIMARY + "\""))
        .as("pollux_sensor_value of %s after recovery", PRIMARY)
        .isEqualTo(48.312);
  }

  static Stream<Arguments> garbage() {
    return Stream.of(
        Arguments.of("hot\n", "unparsable value"),
        Arguments.of("48.312\n", "unparsable value"),
        Arguments.of("0x1F\n", "unparsable value"),
        Arguments.of("nan\n", "unparsable value"),
        Arguments.of("-inf\n", "unparsable value"),
        Arguments.of("1e9\n", "unparsable value"),
        Arguments.of("48312 48312\n", "unparsable value"),
        Arguments.of("9999999999999999999\n", "unparsable value"),
        // 18 digits parse, but ~10^15 °C is no temperature: outside the plausible range.
        Arguments.of("999999999999999999\n", "implausible value"),
        Arguments.of("-273151\n", "implausible value"),
        Arguments.of("1000001\n", "implausible value"),
        Arguments.of("", "empty value"),
        Arguments.of("\n", "empty value"),
        Arguments.of("\0\0\0\0", "empty value"));
  }

  @ParameterizedTest(name = "[{index}] -> {1}")
  @MethodSource("garbage")
  void garbageIsAnErrorEverywhereAndTheOthersServeOn(String content, String reason)
      throws IOException {
    double errorsBefore = errors();
    server.tree().write(primaryFile(), content);

    awaitStatus("error");

    assertFaultShown(reason, errorsBefore);
  }

  @Test
  void aDeletedFileIsFileMissingUntilItIsBack() throws IOException {
    double errorsBefore = errors();
    server.tree().delete(primaryFile());

    awaitStatus("error");

    assertFaultShown("file missing", errorsBefore);
  }

  private static void assertFaultShown(String reason, double errorsBefore) throws IOException {
    Map<String, Object> reading = server.sensor(PRIMARY);
    assertThat(reading)
        .as("GET /api/v1/sensors: %s", PRIMARY)
        .containsEntry("status", "error")
        .containsEntry("error", reason);
    assertThat(server.tcpAsk("temp")).as("TCP temp").isEqualTo("ERR sensor error: " + reason);
    assertThat(server.tcpAsk("get " + PRIMARY))
        .as("TCP get")
        .isEqualTo("ERR sensor error: " + reason);
    RawResponse temp = server.get("/temp");
    assertThat(temp.status()).as("%s", temp).isEqualTo(503);
    assertThat(server.metricLines("pollux_sensor_value", "sensor=\"" + PRIMARY + "\""))
        .as("pollux_sensor_value of a failing sensor")
        .isEmpty();
    assertThat(
            server.metric("pollux_sensor_status", "sensor=\"" + PRIMARY + "\"", "status=\"error\""))
        .as("pollux_sensor_status error")
        .isEqualTo(1);
    assertThat(errors()).as("pollux_sensor_read_errors_total").isGreaterThan(errorsBefore);
    server.tree().loadavg(1.25, 0.5, 0.25);
    await("load1 sampled while " + PRIMARY + " fails")
        .atMost(DEADLINE)
        .until(() -> server.sensor("load1").get("value").equals(1.25));
    server.tree().loadavg(0.5, 0.4, 0.3);
  }

  private static void awaitStatus(String status) {
    await("GET /api/v1/sensors: " + PRIMARY + " " + status)
        .atMost(DEADLINE)
        .until(() -> status.equals(server.sensor(PRIMARY).get("status")));
  }

  private static double errors() throws IOException {
    return server.metric("pollux_sensor_read_errors_total", "sensor=\"" + PRIMARY + "\"");
  }

  private static Path primaryFile() {
    return server.tree().thermalZoneDir(0).resolve("temp");
  }
}
