package dev.pollux.server.gpio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.pollux.gpio.FakeGpio;
import dev.pollux.server.PolluxServer;
import dev.pollux.server.StartupException;
import dev.pollux.server.TestServer;
import dev.pollux.server.cli.StartupFailure;
import dev.pollux.testing.net.RawClient;
import dev.pollux.testing.sysfs.FakeSysfs;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GPIO lines served by a whole server on the fake chip: an input as a boolean sensor whose edges
 * reach a TCP {@code watch} at once with the kernel's timestamp, an output as an actuator, {@code
 * GET /api/v1/gpio}, the dropped-events metric, and the start-up failures.
 */
class GpioServerIT {

  private static final Duration DEADLINE = Duration.ofSeconds(20);
  private static final String TOKEN = "gpio-test-token-0123456789";

  @TempDir Path dir;

  private final FakeGpio gpio =
      new FakeGpio().chip("gpiochip0", "pinctrl-fake", 32).chip("gpiochip1", "expander", 8);
  private final HttpClient http = HttpClient.newHttpClient();
  private PolluxServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
    http.close();
  }

  private PolluxServer start(String... gpioOptions) throws StartupException {
    FakeSysfs tree = FakeSysfs.in(dir).thermalZone(0, "cpu-thermal", 48_312).loadavg(0.5, 0.5, 0.5);
    server =
        TestServer.on(tree)
            .http()
            .tcp()
            .interval(Duration.ofSeconds(1))
            .option("--loops", "1")
            .deviceId("gpio-test")
            .token(TOKEN)
            .gpio(gpio)
            .args(gpioOptions)
            .startOrThrow()
            .server();
    return server;
  }

  private PolluxServer startStandard() throws StartupException {
    return start(
        "--gpio-input",
        "door=gpiochip0:GPIO17,edge=both,bias=pull-up",
        "--gpio-output",
        "relay=gpiochip0:27,initial=0");
  }

  private HttpResponse<String> get(String path) throws Exception {
    int port = server.httpAddress().orElseThrow().getPort();
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void anInputIsABooleanSensorEverywhere() throws Exception {
    startStandard();
    assertThat(get("/api/v1/sensors").body())
        .contains("\"id\":\"door\",\"kind\":\"boolean\"")
        .contains("\"value\":0,")
        .contains("\"label\":\"gpiochip0 line 17 (GPIO17)\"");
    try (RawClient client = RawClient.connect(server.tcpAddress().orElseThrow().getPort())) {
      client.readLine(); // banner
      client.write("get door\n");
      assertThat(client.readLine()).isEqualTo("0");
    }
    assertThat(get("/metrics").body())
        .contains("pollux_gpio_events_dropped_total{line=\"door\"} 0");
  }

  @Test
  void anEdgeReachesAWatchAtOnceWithTheKernelsTimestamp() throws Exception {
    startStandard();
    try (RawClient client = RawClient.connect(server.tcpAddress().orElseThrow().getPort())) {
      client.readLine(); // banner
      client.write("watch door 1h\n"); // one line now, then a line per edge only
      assertThat(client.readLine()).endsWith(" door 0");
      long edgeNanos = gpio.nowNanos();
      gpio.drive("gpiochip0", 17, 1);
      assertThat(client.readLine())
          .isEqualTo(Instant.ofEpochMilli(edgeNanos / 1_000_000) + " door 1");
      gpio.advance(Duration.ofMillis(5));
      gpio.drive("gpiochip0", 17, 0);
      assertThat(client.readLine())
          .isEqualTo(Instant.ofEpochMilli((edgeNanos + 5_000_000) / 1_000_000) + " door 0");
    }
  }

  @Test
  void anEdgeIsAnEventOnTheEventStream() throws Exception {
    startStandard();
    try (RawClient client = RawClient.connect(server.httpAddress().orElseThrow().getPort())) {
      client.write("GET /api/v1/events?sensor=door HTTP/1.1\r\nHost: localhost\r\n\r\n");
      assertThat(client.readLine()).isEqualTo("HTTP/1.1 200 OK");
      awaitData(client, "\"value\":0,");
      gpio.drive("gpiochip0", 17, 1);
      awaitData(client, "\"value\":1,");
    }
  }

  /**
   * Reads event-stream lines until a {@code data:} line with {@code text}; the read deadline bounds
   * it.
   */
  private static void awaitData(RawClient client, String text) throws Exception {
    for (int lines = 0; lines < 200; lines++) {
      String line = client.readLine();
      if (line.startsWith("data:") && line.contains(text)) {
        return;
      }
    }
    throw new AssertionError("no event with " + text + " in 200 lines");
  }

  @Test
  void anOutputIsAnActuatorWrittenWithTheToken() throws Exception {
    startStandard();
    assertThat(gpio.level("gpiochip0", 27)).as("initial level").isZero();
    try (RawClient client = RawClient.connect(server.tcpAddress().orElseThrow().getPort())) {
      client.readLine(); // banner
      client.write("set relay 1\n");
      assertThat(client.readLine()).startsWith("ERR");
      client.write("auth " + TOKEN + "\n");
      assertThat(client.readLine()).isEqualTo("OK");
      client.write("set relay 1\n");
      assertThat(client.readLine()).isEqualTo("OK");
    }
    assertThat(gpio.level("gpiochip0", 27)).isEqualTo(1);
    int port = server.httpAddress().orElseThrow().getPort();
    HttpResponse<String> put =
        http.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/api/v1/actuators/relay"))
                .header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"value\":0}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
    assertThat(gpio.level("gpiochip0", 27)).isZero();
    assertThat(get("/api/v1/actuators").body())
        .contains(
            "{\"id\":\"relay\",\"kind\":\"gpio\",\"min\":0,\"max\":1,\"value\":0,\"status\":\"ok\"}");
  }

  @Test
  void theLinesAreReleasedOnShutdown() throws Exception {
    startStandard();
    assertThat(gpio.requested("gpiochip0", 17)).isTrue();
    server.close();
    server = null;
    assertThat(gpio.requested("gpiochip0", 17)).isFalse();
    assertThat(gpio.requested("gpiochip0", 27)).isFalse();
  }

  @Test
  void gpioListsTheChipsAndTheirLines() throws Exception {
    startStandard();
    HttpResponse<String> response = get("/api/v1/gpio");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(response.body())
        .startsWith("{\"chips\":[{\"name\":\"gpiochip0\",\"label\":\"pinctrl-fake\",\"lines\":[")
        .contains(
            "{\"offset\":17,\"name\":\"GPIO17\",\"consumer\":\"pollux\",\"used\":true,"
                + "\"direction\":\"input\",\"activeLow\":false,\"bias\":\"pull-up\","
                + "\"edge\":\"both\",\"debounceMicros\":0}")
        .contains(
            "{\"offset\":3,\"name\":\"GPIO3\",\"consumer\":\"\",\"used\":false,\"direction\":\"input\"")
        .contains("{\"name\":\"gpiochip1\",\"label\":\"expander\"");
  }

  @Test
  void aBusyLineStopsTheStartNamingItsHolder() {
    gpio.hold("gpiochip0", 17, "gpio-keys");
    assertThatThrownBy(this::startStandard)
        .isInstanceOfSatisfying(
            StartupException.class,
            e ->
                assertThat(StartupFailure.of(e))
                    .isEqualTo(
                        new StartupFailure(
                            StartupFailure.FAILURE,
                            "--gpio-input door: gpiochip0 line 17 (GPIO17) is busy: held by"
                                + " \"gpio-keys\"")));
  }

  @Test
  void anUnknownChipOrLineStopsTheStart() {
    assertThatThrownBy(() -> start("--gpio-output", "lamp=gpiochip7:3"))
        .isInstanceOfSatisfying(
            StartupException.class,
            e ->
                assertThat(StartupFailure.of(e).message())
                    .isEqualTo(
                        "--gpio-output lamp: no GPIO chip gpiochip7 (chips here: gpiochip0,"
                            + " gpiochip1)"));
    assertThatThrownBy(() -> start("--gpio-input", "bell=gpiochip1:GPIO99"))
        .isInstanceOfSatisfying(
            StartupException.class,
            e ->
                assertThat(StartupFailure.of(e).message())
                    .isEqualTo("--gpio-input bell: gpiochip1 has no line named GPIO99"));
    assertThatThrownBy(() -> start("--gpio-input", "bell=gpiochip1:8"))
        .isInstanceOfSatisfying(
            StartupException.class,
            e ->
                assertThat(StartupFailure.of(e).message())
                    .isEqualTo(
                        "--gpio-input bell: gpiochip1 has 8 lines (offsets 0-7): no line 8"));
  }

  @Test
  void permissionDeniedStopsTheStart() {
    gpio.denyAccess();
    assertThatThrownBy(() -> start("--gpio-input", "door=gpiochip0:4"))
        .isInstanceOfSatisfying(
            StartupException.class,
            e -> {
              assertThat(StartupFailure.of(e).exitStatus()).isEqualTo(StartupFailure.FAILURE);
              assertThat(StartupFailure.of(e).message())
                  .startsWith("--gpio-input door: permission denied: ");
            });
  }

  @Test
  void edgesPublishSamplesBetweenTicks() throws Exception {
    startStandard();
    long before = server.device().snapshot().sequence();
    gpio.drive("gpiochip0", 17, 1);
    await().atMost(DEADLINE).until(() -> server.device().snapshot().reading("door").value() == 1.0);
    assertThat(server.device().snapshot().sequence()).isGreaterThan(before);
  }
}
