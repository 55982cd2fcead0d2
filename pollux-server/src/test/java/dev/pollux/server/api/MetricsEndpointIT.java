package dev.pollux.server.api;

import static dev.pollux.server.api.ApiClient.BROKEN;
import static dev.pollux.server.api.ApiClient.DEADLINE;
import static dev.pollux.server.api.ApiClient.PRIMARY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code GET /metrics} over HTTP on a running server: the content type, the sensor and
 * node_exporter series of the fake tree, the server's own counters, the JVM's, no token anywhere,
 * and {@code promtool check metrics} on the very bytes served.
 */
class MetricsEndpointIT {

  @RegisterExtension final ApiClient api = ApiClient.standard();

  private static final Path PROMTOOL = Path.of("/usr/bin/promtool");
  private static final int PROMTOOL_LINT_PROBLEMS = 3;

  /** promtool's camelCase complaint about names node_exporter itself uses (see PromtoolIT). */
  private static final Pattern ACCEPTED_LINT =
      Pattern.compile(
          "node_memory_\\w+ metric names should be written in 'snake_case' not 'camelCase'");

  private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  @Test
  void servesTheSensorsAndTheirNodeExporterNames() {
    HttpResponse<String> response = api.get("/metrics");

    assertThat(response.statusCode()).as("GET /metrics: status").isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .as("GET /metrics: Content-Type")
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
    String page = response.body();
    assertThat(
            value(
                page,
                "pollux_sensor_value",
                "sensor",
                PRIMARY,
                "kind",
                "temperature",
                "unit",
                "celsius"))
        .as("pollux_sensor_value of %s", PRIMARY)
        .isEqualTo(48.312);
    assertThat(value(page, "node_thermal_zone_temp", "type", "cpu-thermal", "zone", "0"))
        .as("node_thermal_zone_temp of zone 0")
        .isEqualTo(48.312);
    assertThat(value(page, "node_load1")).as("node_load1").isEqualTo(0.5);
    assertThat(value(page, "node_memory_MemTotal_bytes"))
        .as("node_memory_MemTotal_bytes")
        .isEqualTo(4_000_000.0 * 1024);
    assertThat(value(page, "pollux_sensor_read_errors_total", "sensor", BROKEN))
        .as("pollux_sensor_read_errors_total of the broken zone")
        .isGreaterThanOrEqualTo(1);
    assertThatThrownBy(
            () ->
                value(
                    page,
                    "pollux_sensor_value",
                    "sensor",
                    BROKEN,
                    "kind",
                    "temperature",
                    "unit",
                    "celsius"))
        .as("GET /metrics: a broken sensor has no value series")
        .isInstanceOf(AssertionError.class);
    assertThat(page).as("GET /metrics: JVM series").contains("\njvm_memory_used_bytes{");
    assertThat(page).as("GET /metrics: the token").doesNotContain(ApiClient.TOKEN);
  }

  @Test
  void answersInOpenMetricsWhenTheScraperAsksForIt() {
    // Prometheus 2.42's Accept header.
    HttpResponse<String> response =
        api.send(
            api.request("/metrics")
                .header(
                    "Accept",
                    "application/openmetrics-text;version=1.0.0,application/openmetrics-text;"
                        + "version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValue("application/openmetrics-text; version=1.0.0; charset=utf-8");
    assertThat(response.headers().firstValue("Vary")).hasValue("Accept");
    assertThat(response.body()).endsWith("# EOF\n").contains("# TYPE pollux_build info\n");
    assertThat(api.get("/metrics").headers().firstValue("Content-Type"))
        .as("without asking: the text format")
        .hasValue("text/plain; version=0.0.4; charset=utf-8");
  }

  @Test
  void countsConnectionsBytesAndRequestsPerProtocol() {
    ApiClient.assertProblem(api.get("/nope"), 404);
    assertThat(api.get("/healthz").statusCode()).as("GET /healthz: status").isEqualTo(200);

    await("GET /metrics to count the 404 and this client's connection")
        .atMost(DEADLINE)
        .untilAsserted(
            () -> {
              String page = api.get("/metrics").body();
              assertThat(value(page, "pollux_connections_accepted_total", "protocol", "http"))
                  .as("pollux_connections_accepted_total{protocol=http}")
                  .isGreaterThanOrEqualTo(1);
              assertThat(value(page, "pollux_connections_open", "protocol", "http"))
                  .as("pollux_connections_open{protocol=http}")
                  .isGreaterThanOrEqualTo(1);
              assertThat(value(page, "pollux_bytes_read_total", "protocol", "http"))
                  .as("pollux_bytes_read_total{protocol=http}")
                  .isGreaterThan(0);
              assertThat(value(page, "pollux_bytes_written_total", "protocol", "http"))
                  .as("pollux_bytes_written_total{protocol=http}")
                  .isGreaterThan(0);
              assertThat(value(page, "pollux_http_requests_total", "code", "4xx"))
                  .as("pollux_http_requests_total{code=4xx}")
                  .isGreaterThanOrEqualTo(1);
              assertThat(value(page, "pollux_http_requests_total", "code", "2xx"))
                  .as("pollux_http_requests_total{code=2xx}")
                  .isGreaterThanOrEqualTo(1);
              assertThat(page)
                  .as("GET /metrics with --tcp-port off")
                  .doesNotContain("protocol=\"tcp\"");
            });
  }

  @Test
  void promtoolAcceptsTheServedPage() throws Exception {
    if (!Files.isExecutable(PROMTOOL)) {
      String message = PROMTOOL + " is missing (Debian package prometheus, see .ci/install-deps)";
      if ("true".equals(System.getenv("CI"))) {
        fail("CI=true but " + message);
      }
      Assumptions.abort("skipped: " + message);
    }
    byte[] page = api.get("/metrics").body().getBytes(StandardCharsets.UTF_8);

    Process process =
        new ProcessBuilder(PROMTOOL.toString(), "check", "metrics")
            .redirectErrorStream(true)
            .start();
    try (OutputStream stdin = process.getOutputStream()) {
      stdin.write(page);
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
    int status = process.exitValue();

    String pageText = new String(page, StandardCharsets.UTF_8);
    assertThat(status)
        .as("promtool check metrics exit status; its output:%n%s%nthe page:%n%s", output, pageText)
        .isIn(0, PROMTOOL_LINT_PROBLEMS);
    assertThat(output.lines().filter(line -> !line.isBlank()).toList())
        .as("promtool check metrics problems (exit status %d); the page:%n%s", status, pageText)
        .allMatch(line -> ACCEPTED_LINT.matcher(line).matches());
  }

  /**
   * The value of the one sample of {@code name} whose labels are exactly {@code labels} (name,
   * value, ...), in any order; fails naming the series when there is none.
   */
  static double value(String page, String name, String... labels) {
    Map<String, String> wanted = new HashMap<>();
    for (int i = 0; i < labels.length; i += 2) {
      wanted.put(labels[i], labels[i + 1]);
    }
    for (String line : page.split("\n", -1)) {
      if (line.startsWith("#") || !line.startsWith(name)) {
        continue;
      }
      String rest = line.substring(name.length());
      Map<String, String> found = new HashMap<>();
      if (rest.startsWith("{")) {
        int close = rest.lastIndexOf('}');
        Matcher label = LABEL.matcher(rest.substring(1, close));
        while (label.find()) {
          found.put(label.group(1), label.group(2));
        }
        rest = rest.substring(close + 1);
      } else if (!rest.startsWith(" ")) {
        continue; // a longer name with this prefix
      }
      if (found.equals(wanted)) {
        return Double.parseDouble(rest.strip().split(" ", -1)[0]);
      }
    }
    throw new AssertionError("no sample " + name + wanted + " in GET /metrics:\n" + page);
  }
}
