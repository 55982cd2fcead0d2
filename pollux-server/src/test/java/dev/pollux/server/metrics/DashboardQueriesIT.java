package dev.pollux.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.pollux.server.PolluxServer;
import dev.pollux.server.TestServer;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Grafana's "Node Exporter Full" dashboard (grafana.com 1860; its JSON as published in
 * rfmoz/grafana-dashboards, prometheus/node-exporter-full.json, dashboard version 102, April 2026)
 * against Pollux: a real Prometheus (Debian's 2.42) scrapes Pollux and node_exporter on this
 * machine, and each expression below, from the dashboard's Quick CPU / Mem / Disk row and its CPU,
 * memory, network, disk and filesystem panels, must return series for Pollux wherever it returns
 * some for node_exporter. The dashboard's {@code instance="$node",job="$job"} is {@code job="..."}
 * here and {@code $__rate_interval} 15 s (scrapes every second).
 *
 * <p>Prometheus asks for OpenMetrics first, so this is also its own parser accepting Pollux's
 * OpenMetrics page ({@code up} is 1 only when the scrape parsed).
 */
class DashboardQueriesIT {
  /** The panels' expressions, {@code %1$s} standing for the job selector. */
  private static final List<String> EXPRESSIONS =
      List.of(
          // Quick CPU / Mem / Disk
          "100 * (1 - avg(rate(node_cpu_seconds_total{mode=\"idle\",%1$s}[15s])))",
          "scalar(node_load1{%1$s}) * 100 / count(count(node_cpu_seconds_total{%1$s}) by (cpu))",
          "clamp_min((1 - (node_memory_MemAvailable_bytes{%1$s} / node_memory_MemTotal_bytes{%1$s}))"
              + " * 100, 0)",
          "(node_memory_SwapTotal_bytes{%1$s} > bool 0) * ((node_memory_SwapTotal_bytes{%1$s}"
              + " - node_memory_SwapFree_bytes{%1$s}) / (node_memory_SwapTotal_bytes{%1$s})) * 100",
          "((node_filesystem_size_bytes{%1$s,mountpoint=\"/\",fstype!=\"rootfs\"}"
              + " - node_filesystem_avail_bytes{%1$s,mountpoint=\"/\",fstype!=\"rootfs\"})"
              + " / node_filesystem_size_bytes{%1$s,mountpoint=\"/\",fstype!=\"rootfs\"}) * 100",
          "count(count(node_cpu_seconds_total{%1$s}) by (cpu))",
          "node_memory_MemTotal_bytes{%1$s}",
          "node_memory_SwapTotal_bytes{%1$s}",
          "node_filesystem_size_bytes{%1$s,mountpoint=\"/\",fstype!=\"rootfs\"}",
          "node_time_seconds{%1$s} - node_boot_time_seconds{%1$s}",
          "rate(node_pressure_cpu_waiting_seconds_total{%1$s}[15s])",
          "rate(node_pressure_memory_waiting_seconds_total{%1$s}[15s])",
          "rate(node_pressure_io_waiting_seconds_total{%1$s}[15s])",
          // Basic CPU / Mem / Net / Disk
          "avg(rate(node_cpu_seconds_total{%1$s,mode=\"system\"}[15s]))",
          "avg(rate(node_cpu_seconds_total{%1$s,mode=\"user\"}[15s]))",
          "avg(rate(node_cpu_seconds_total{%1$s,mode=\"iowait\"}[15s]))",
          "avg(sum without(mode) (rate(node_cpu_seconds_total{%1$s,mode=~\".*irq\"}[15s])))",
          "node_memory_MemTotal_bytes{%1$s} - node_memory_MemFree_bytes{%1$s}"
              + " - (node_memory_Cached_bytes{%1$s} + node_memory_Buffers_bytes{%1$s}"
              + " + node_memory_SReclaimable_bytes{%1$s})",
          "rate(node_network_receive_bytes_total{%1$s}[15s])*8",
          "rate(node_network_transmit_bytes_total{%1$s}[15s])*8",
          "((node_filesystem_size_bytes{%1$s,device!~'rootfs'}"
              + " - node_filesystem_avail_bytes{%1$s,device!~'rootfs'})"
              + " / node_filesystem_size_bytes{%1$s,device!~'rootfs'}) * 100",
          // CPU / Memory / Net / Disk
          "sum(rate(node_cpu_seconds_total{mode=\"steal\",%1$s}[15s]))"
              + " / scalar(count(count(node_cpu_seconds_total{%1$s}) by (cpu)))",
          "node_memory_MemTotal_bytes{%1$s} - node_memory_MemFree_bytes{%1$s}"
              + " - node_memory_Buffers_bytes{%1$s} - node_memory_Cached_bytes{%1$s}"
              + " - node_memory_Slab_bytes{%1$s} - node_memory_PageTables_bytes{%1$s}"
              + " - node_memory_SwapCached_bytes{%1$s}",
          "node_memory_HardwareCorrupted_bytes{%1$s}",
          "rate(node_disk_reads_completed_total{%1$s,device=~\"[a-z]+|nvme[0-9]+n[0-9]+|mmcblk[0-9]+\"}[15s])",
          "rate(node_disk_written_bytes_total{%1$s,device=~\"[a-z]+|nvme[0-9]+n[0-9]+|mmcblk[0-9]+\"}[15s])",
          "rate(node_disk_io_time_seconds_total{%1$s,device=~\"[a-z]+|nvme[0-9]+n[0-9]+|mmcblk[0-9]+\"}[15s])",
          "node_filesystem_free_bytes{%1$s,device!~'rootfs'}",
          "rate(node_pressure_memory_stalled_seconds_total{%1$s}[15s])",
          "rate(node_pressure_io_stalled_seconds_total{%1$s}[15s])",
          // Memory Meminfo, Storage Disk, Storage Filesystem, Network Traffic
          "node_memory_Committed_AS_bytes{%1$s}",
          "node_memory_Active_anon_bytes{%1$s}",
          "node_memory_DirectMap2M_bytes{%1$s}",
          "(node_memory_HugePages_Total{%1$s} - node_memory_HugePages_Free{%1$s})"
              + " * node_memory_Hugepagesize_bytes{%1$s}",
          "rate(node_disk_io_time_weighted_seconds_total{%1$s}[15s])",
          "rate(node_disk_reads_merged_total{%1$s}[15s])",
          "node_disk_io_now{%1$s}",
          "node_filesystem_files_free{%1$s,device!~'rootfs'}",
          "node_filesystem_readonly{%1$s,device!~'rootfs'}",
          "node_filesystem_device_error{%1$s,device!~'rootfs',fstype!~'tmpfs'}",
          "rate(node_network_receive_packets_total{%1$s}[15s])",
          "rate(node_network_transmit_errs_total{%1$s}[15s])",
          "rate(node_network_receive_drop_total{%1$s}[15s])",
          "rate(node_network_transmit_colls_total{%1$s}[15s])");

  private static final Duration DEADLINE = Duration.ofSeconds(60);

  @TempDir Path dir;
  private final List<AutoCloseable> toClose = new ArrayList<>();

  @AfterEach
  void stopAll() throws Exception {
    for (AutoCloseable closeable : toClose.reversed()) {
      closeable.close();
    }
  }

  @Test
  void theDashboardsExpressionsReturnSeriesForPolluxWhereTheyDoForNodeExporter() throws Exception {
    Path prometheusBinary = ExternalTool.require("prometheus", "prometheus");
    Path nodeBinary = ExternalTool.require("prometheus-node-exporter", "prometheus-node-exporter");
    PolluxServer pollux = TestServer.onThisMachine().http().startOrThrow().server();
    toClose.add(pollux);
    int nodePort = LocalProcess.freePort();
    toClose.add(
        LocalProcess.start(
            List.of(nodeBinary.toString(), "--web.listen-address=127.0.0.1:" + nodePort),
            dir.resolve("node_exporter.log"),
            URI.create("http://127.0.0.1:" + nodePort + "/"),
            "metrics"));
    int promPort = LocalProcess.freePort();
    Path config = dir.resolve("prometheus.yml");
    Files.writeString(
        config,
        """
        global:
          scrape_interval: 1s
          evaluation_interval: 1s
        scrape_configs:
          - job_name: pollux
            static_configs: [{targets: ['127.0.0.1:POLLUX_PORT']}]
          - job_name: node
            static_configs: [{targets: ['127.0.0.1:NODE_PORT']}]
        """
            .replace("POLLUX_PORT", Integer.toString(pollux.httpAddress().orElseThrow().getPort()))
            .replace("NODE_PORT", Integer.toString(nodePort)));
    LocalProcess prometheus =
        LocalProcess.start(
            List.of(
                prometheusBinary.toString(),
                "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + promPort),
            dir.resolve("prometheus.log"),
            URI.create("http://127.0.0.1:" + promPort + "/"),
            "-/ready");
    toClose.add(prometheus);

    for (String job : List.of("pollux", "node")) {
      await("Prometheus scraping " + job + " successfully")
          .atMost(DEADLINE)
          .pollInterval(Duration.ofMillis(500))
          .until(() -> series(prometheus, "up{job=\"" + job + "\"} == 1") == 1);
    }
    // Rates need two samples in their window: wait until the first rate answers for both.
    await("rates over two scrapes")
        .atMost(DEADLINE)
        .pollInterval(Duration.ofMillis(500))
        .until(
            () ->
                series(prometheus, forJob(EXPRESSIONS.get(0), "pollux")) > 0
                    && series(prometheus, forJob(EXPRESSIONS.get(0), "node")) > 0);

    List<String> missing = new ArrayList<>();
    int nodeAnswered = 0;
    for (String expression : EXPRESSIONS) {
      int node = series(prometheus, forJob(expression, "node"));
      if (node > 0) {
        nodeAnswered++;
        if (series(prometheus, forJob(expression, "pollux")) == 0) {
          missing.add(expression);
        }
      }
    }
    assertThat(nodeAnswered)
        .as("expressions node_exporter answers on this machine (else nothing is compared)")
        .isGreaterThanOrEqualTo(EXPRESSIONS.size() - 6);
    assertThat(missing)
        .as("expressions with series for node_exporter but none for Pollux")
        .isEmpty();
  }

  /** {@code expression} for one scrape job. */
  private static String forJob(String expression, String job) {
    return expression.replace("%1$s", "job=\"" + job + "\"");
  }

  /** The number of series {@code expression} returns now; fails on a Prometheus error. */
  private static int series(LocalProcess prometheus, String expression) throws Exception {
    var response =
        prometheus.get(
            "api/v1/query?query=" + URLEncoder.encode(expression, StandardCharsets.UTF_8));
    assertThat(response.statusCode())
        .as("query %s: %s", expression, response.body())
        .isEqualTo(200);
    Map<String, Object> body = JSON.std.mapFrom(response.body());
    Object result = ((Map<?, ?>) body.get("data")).get("result");
    return ((List<?>) result).size();
  }
}
