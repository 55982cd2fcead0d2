package dev.pollux.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pollux.device.Device;
import dev.pollux.loop.LoopStats;
import dev.pollux.loop.ServerStats;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code promtool check metrics} on the whole page, with every source registered. promtool's exit
 * status is 0 when clean, 1 when the page does not parse and 3 when it only has lint problems; the
 * one lint accepted is its camelCase complaint about the {@code node_memory_*} names ({@code
 * node_memory_MemTotal_bytes}), which node_exporter itself uses and we must match.
 *
 * <p>Only the text format 0.0.4: promtool 2.42's {@code check metrics} parses nothing else (on an
 * OpenMetrics page it stops at {@code unknown metric type "info"}). The OpenMetrics page is checked
 * by Prometheus's own parser instead, when it scrapes Pollux in {@code DashboardQueriesIT}.
 */
class PromtoolIT {
  private static final int LINT_PROBLEMS = 3;
  private static final Pattern ACCEPTED_LINT =
      Pattern.compile(
          "node_memory_\\w+ metric names should be written in 'snake_case' not 'camelCase'");

  @TempDir Path dir;

  @Test
  void promtoolAcceptsThePage() throws Exception {
    check(false);
  }

  private String check(boolean openMetrics) throws Exception {
    Path promtool = ExternalTool.require("promtool", "prometheus");
    String page;
    try (Device device = HardwareTree.open(HardwareTree.build(dir))) {
      device.sampleOnce();
      device.sampleOnce();
      page = scrapeWithEverySource(device, openMetrics);
    }

    Process process =
        new ProcessBuilder(promtool.toString(), "check", "metrics")
            .redirectErrorStream(true)
            .start();
    try (OutputStream stdin = process.getOutputStream()) {
      stdin.write(page.getBytes(StandardCharsets.UTF_8));
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
    int status = process.exitValue();

    assertThat(status)
        .as("promtool check metrics exit status; its output:%n%s%nthe page:%n%s", output, page)
        .isIn(0, LINT_PROBLEMS);
    List<String> problems = output.lines().filter(line -> !line.isBlank()).toList();
    assertThat(problems)
        .as("promtool check metrics problems (exit status %d); the page:%n%s", status, page)
        .allMatch(line -> ACCEPTED_LINT.matcher(line).matches());
    return page;
  }

  private static String scrapeWithEverySource(Device device, boolean openMetrics)
      throws IOException {
    Metrics metrics = new Metrics(device, "kitchen-pi", "0.1.0", "nio");
    metrics.registerServer("tcp", () -> new ServerStats(3, 40, 2, 1_000, 2_000));
    metrics.registerServer("http", () -> new ServerStats(5, 50, 0, 3_000, 4_000));
    metrics.registerLoops(() -> new LoopStats(100, 20, 1_500_000_000L, 7));
    metrics.registerHttpRequests(() -> new long[] {1, 200, 30, 4, 5});
    metrics.registerWatchSamplesDropped(() -> 9);
    metrics.registerMqtt(() -> new MqttFigures(false, 11, 1, 2));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    metrics.writeTo(out, openMetrics);
    return out.toString(StandardCharsets.UTF_8);
  }
}
