package dev.pollux.server.api;

import static dev.pollux.server.api.ApiClient.BROKEN;
import static dev.pollux.server.api.ApiClient.DEADLINE;
import static dev.pollux.server.api.ApiClient.PRIMARY;
import static dev.pollux.server.api.ApiClient.assertProblem;
import static dev.pollux.server.api.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pollux.loop.Transports;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The read-only rows of design.md's HTTP API table against a running server on a fake tree: {@code
 * /temp}, {@code /api/v1/device}, the sensors and their history, {@code /healthz}, and the answers
 * to unknown paths and wrong methods.
 */
class HttpApiIT {

  @RegisterExtension final ApiClient api = ApiClient.standard();

  @TempDir Path dir;

  @Test
  void tempIsThePrimaryTemperatureAsTextAndFollowsTheTree() {
    HttpResponse<String> temp = api.get("/temp");

    assertThat(temp.statusCode()).as("GET /temp: status; body %s", temp.body()).isEqualTo(200);
    assertThat(temp.body()).as("GET /temp: body").isEqualTo("48.312\n");
    assertThat(temp.headers().firstValue("Content-Type"))
        .as("GET /temp: Content-Type")
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
    assertThat(temp.headers().firstValue("X-Content-Type-Options"))
        .as("GET /temp: X-Content-Type-Options")
        .hasValue("nosniff");

    api.tree.write(api.zoneTemp(0), "-5250\n");
    await("GET /temp after writing -5250 to the zone's temp")
        .atMost(DEADLINE)
        .untilAsserted(() -> assertThat(api.get("/temp").body()).isEqualTo("-5.25\n"));
  }

  @Test
  void deviceDescribesTheServer() {
    HttpResponse<String> response = api.get("/api/v1/device");

    assertThat(response.statusCode()).as("GET /api/v1/device: status").isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .as("GET /api/v1/device: Content-Type")
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    Map<String, Object> device = json(response);
    assertThat(device)
        .as("GET /api/v1/device: %s", response.body())
        .containsEntry("id", ApiClient.DEVICE_ID)
        .containsEntry("hostName", api.server.info().hostName())
        .containsEntry("version", api.server.info().version())
        .containsEntry("io", Transports.auto().transport().name()) // what --io auto picks
        .containsEntry("loops", 2)
        .containsEntry("primary", PRIMARY);
    assertThat(api.server.info().version()).as("the version").isNotBlank();
    assertThat(device.get("uptime"))
        .as("GET /api/v1/device: uptime in %s", response.body())
        .isInstanceOf(Integer.class)
        .satisfies(uptime -> assertThat((Integer) uptime).isBetween(0, 600));
  }

  @Test
  void sensorsListEveryReadingWithAnErrorForABrokenOne() {
    await("GET /api/v1/sensors with the broken zone in error")
        .atMost(DEADLINE)
        .untilAsserted(
            () -> {
              HttpResponse<String> response = api.get("/api/v1/sensors");
              assertThat(response.statusCode()).as("GET /api/v1/sensors: status").isEqualTo(200);
              Map<String, Map<String, Object>> byId = byId(json(response));
              assertThat(byId).as("sensors of %s", response.body()).containsKeys(PRIMARY, BROKEN);
              assertCpuReading(byId.get(PRIMARY), response.body());
              assertThat(byId.get(BROKEN))
                  .as("the broken zone in %s", response.body())
                  .containsEntry("status", "error")
                  .containsEntry("error", "i/o error")
                  .containsEntry("value", null)
                  .doesNotContainKey("simulated");
              assertThat(byId.get("load1"))
                  .as("load1 in %s", response.body())
                  .containsEntry("value", 0.5)
                  .containsEntry("kind", "load");
            });
  }

  @Test
  void simulatedSensorsAreMarked() {
    try (ApiClient simulated = ApiClient.start(dir.resolve("simulated"), "--simulate")) {
      HttpResponse<String> response = simulated.get("/api/v1/sensors");

      Map<String, Map<String, Object>> byId = byId(json(response));
      assertThat(byId)
          .as("GET /api/v1/sensors with --simulate: %s", response.body())
          .containsKeys("sim_temperature", PRIMARY);
      assertThat(byId.get("sim_temperature"))
          .as("sim_temperature in %s", response.body())
          .containsEntry("simulated", true)
          .containsEntry("kind", "temperature");
      assertThat(byId.get(PRIMARY))
          .as("%s in %s", PRIMARY, response.body())
          .doesNotContainKey("simulated");
    }
  }

  @Test
  void oneSensorOrNotFound() {
    await("GET /api/v1/sensors/" + PRIMARY)
        .atMost(DEADLINE)
        .untilAsserted(
            () -> {
              HttpResponse<String> response = api.get("/api/v1/sensors/" + PRIMARY);
              assertThat(response.statusCode())
                  .as("status; body %s", response.body())
                  .isEqualTo(200);
              assertCpuReading(json(response), response.body());
            });

    assertProblem(api.get("/api/v1/sensors/nope"), 404);
    assertProblem(api.get("/api/v1/sensors/nope/history"), 404);
  }

  @Test
  void historyGrowsOverTime() {
    String path = "/api/v1/sensors/" + PRIMARY + "/history?since=10m";
    Map<String, Object> first = json(api.get(path));
    assertThat(first).as("GET %s", path).containsEntry("id", PRIMARY).containsEntry("unit", "°C");
    int before = points(first).size();

    await("the history of " + PRIMARY + " to grow beyond " + before + " points")
        .atMost(DEADLINE)
        .untilAsserted(() -> assertThat(points(json(api.get(path)))).hasSizeGreaterThan(before));

    List<List<Number>> points = points(json(api.get(path)));
    long now = System.currentTimeMillis();
    long previous = 0;
    for (List<Number> point : points) {
      assertThat(point).as("a point of %s", points).hasSize(2);
      long at = point.get(0).longValue();
      assertThat(at).as("the time of a point of %s", points).isBetween(previous, now);
      assertThat(point.get(1).doubleValue()).as("the value of a point").isEqualTo(48.312);
      previous = at;
    }
  }

  @Test
  void historyRefusesABadSince() {
    assertProblem(api.get("/api/v1/sensors/" + PRIMARY + "/history?since=soon"), 400);
    assertProblem(api.get("/api/v1/sensors/" + PRIMARY + "/history?since=-5m"), 400);
    assertProblem(api.get("/api/v1/sensors/" + PRIMARY + "/history?since="), 400);
    // Each part is accepted; together they overflow a long of milliseconds.
    assertProblem(
        api.get("/api/v1/sensors/" + PRIMARY + "/history?since=" + "999999999d".repeat(120)), 400);
  }

  @Test
  void healthz() {
    HttpResponse<String> response = api.get("/healthz");

    assertThat(response.statusCode()).as("GET /healthz: status").isEqualTo(200);
    assertThat(response.body().strip()).as("GET /healthz: body").isEqualTo("ok");
    assertThat(response.headers().firstValue("X-Content-Type-Options"))
        .as("GET /healthz: X-Content-Type-Options")
        .hasValue("nosniff");
  }

  @Test
  void unknownPathIsANotFoundProblem() {
    assertProblem(api.get("/nope"), 404);
    assertProblem(api.get("/api/v1/nope"), 404);
  }

  @Test
  void postToTempIsMethodNotAllowed() {
    HttpResponse<String> response = api.send(api.request("/temp").POST(ApiClient.bodyOf("48")));

    assertProblem(response, 405);
    assertThat(response.headers().firstValue("Allow"))
        .as("POST /temp: Allow")
        .hasValueSatisfying(allow -> assertThat(allow).contains("GET").contains("HEAD"));
  }

  private static void assertCpuReading(Map<String, Object> reading, String body) {
    assertThat(reading)
        .as("the reading of %s in %s", PRIMARY, body)
        .containsOnlyKeys("id", "kind", "unit", "label", "value", "at", "status")
        .containsEntry("id", PRIMARY)
        .containsEntry("kind", "temperature")
        .containsEntry("unit", "°C")
        .containsEntry("label", "cpu-thermal")
        .containsEntry("value", 48.312)
        .containsEntry("status", "ok");
    long at = ((Number) reading.get("at")).longValue();
    assertThat(at)
        .as("the time of the reading in %s", body)
        .isBetween(System.currentTimeMillis() - 60_000, System.currentTimeMillis());
  }

  @SuppressWarnings("unchecked") // the JSON shape is what is under test; a wrong one fails the cast
  static Map<String, Map<String, Object>> byId(Map<String, Object> document) {
    assertThat(document).as("the sensors document").containsOnlyKeys("sensors");
    Map<String, Map<String, Object>> byId = new LinkedHashMap<>();
    for (Object reading : (List<Object>) document.get("sensors")) {
      Map<String, Object> map = (Map<String, Object>) reading;
      byId.put((String) map.get("id"), map);
    }
    return byId;
  }

  @SuppressWarnings("unchecked") // as above
  private static List<List<Number>> points(Map<String, Object> history) {
    return (List<List<Number>>) history.get("points");
  }
}
