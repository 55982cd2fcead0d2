package dev.pollux.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pollux.device.Device;
import dev.pollux.testing.sysfs.FakeSysfs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.assertj.core.data.Percentage;
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
          "node_memory_MemAvailable_bytes",
          "node_memory_MemFree_bytes",
          "node_memory_Buffers_bytes",
          "node_memory_Cached_bytes",
          "node_memory_SwapTotal_bytes",
          "node_memory_SwapFree_bytes",
          "node_memory_Active_anon_bytes",
          "node_memory_Inactive_anon_bytes",
          "node_memory_Active_file_bytes",
          "node_memory_SReclaimable_bytes",
          "node_memory_Shmem_bytes",
          "node_memory_HugePages_Total",
          "node_memory_Hugepagesize_bytes",
          "node_cpu_seconds_total",
          "node_cpu_guest_seconds_total",
          "node_boot_time_seconds",
          "node_network_receive_bytes_total",
          "node_network_receive_packets_total",
          "node_network_receive_errs_total",
          "node_network_receive_drop_total",
          "node_network_receive_multicast_total",
          "node_network_transmit_bytes_total",
          "node_network_transmit_packets_total",
          "node_network_transmit_errs_total",
          "node_network_transmit_drop_total",
          "node_network_transmit_colls_total",
          "node_disk_reads_completed_total",
          "node_disk_reads_merged_total",
          "node_disk_read_bytes_total",
          "node_disk_read_time_seconds_total",
          "node_disk_writes_completed_total",
          "node_disk_writes_merged_total",
          "node_disk_written_bytes_total",
          "node_disk_write_time_seconds_total",
          "node_disk_io_now",
          "node_disk_io_time_seconds_total",
          "node_disk_io_time_weighted_seconds_total",
          "node_pressure_cpu_waiting_seconds_total",
          "node_pressure_io_waiting_seconds_total",
          "node_pressure_io_stalled_seconds_total",
          "node_pressure_memory_waiting_seconds_total",
          "node_pressure_memory_stalled_seconds_total",
          "node_filesystem_size_bytes",
          "node_filesystem_files",
          "node_filesystem_readonly",
          "node_filesystem_device_error",
          "node_hwmon_in_lcrit_alarm_volts",
          "node_hwmon_pwm",
          "node_cpu_scaling_frequency_hertz");

  /**
   * Free space and free inodes of the fake root's mounts: they live on the build machine's disk,
   * which other processes write to between node_exporter's statfs and ours, so these are compared
   * for names, labels and types exactly and for values within {@link #FREE_SPACE_TOLERANCE}.
   */
  private static final List<String> MOVING_FAMILIES =
      List.of(
          "node_filesystem_free_bytes",
          "node_filesystem_avail_bytes",
          "node_filesystem_files_free");

  private static final double FREE_SPACE_TOLERANCE = 0.02;

  private static final List<String> COLLECTORS =
      List.of(
          "thermal_zone",
          "hwmon",
          "loadavg",
          "meminfo",
          "cpu",
          "stat",
          "netdev",
          "diskstats",
          "pressure",
          "filesystem",
          "cpufreq");

  @TempDir Path dir;
  private FakeSysfs fake;
  private Device device;
  private Metrics metrics;
  private LocalProcess nodeExporter;

  @BeforeEach
  void setUp() throws IOException {
    Path binary = ExternalTool.require("prometheus-node-exporter", "prometheus-node-exporter");
    fake = HardwareTree.build(dir.resolve("tree"));
    Path rootfs = dir.resolve("rootfs");
    HostTree.build(fake, rootfs);
    device = HardwareTree.open(fake);
    metrics =
        new Metrics(
            device,
            "test",
            "0.1.0",
            "nio",
            true,
            new HostPaths(fake.procfsRoot(), fake.sysfsRoot(), rootfs));
    int port = LocalProcess.freePort();
    nodeExporter =
        LocalProcess.start(
            List.of(
                binary.toString(),
                "--path.sysfs=" + fake.sysfsRoot(),
                "--path.procfs=" + fake.procfsRoot(),
                "--path.rootfs=" + rootfs,
                "--web.listen-address=127.0.0.1:" + port,
                "--collector.disable-defaults",
                "--collector.thermal_zone",
                "--collector.hwmon",
                "--collector.loadavg",
                "--collector.meminfo",
                "--collector.cpu",
                "--collector.stat",
                "--collector.netdev",
                // netlink asks the running kernel, not the tree: read /proc/net/dev instead.
                "--no-collector.netdev.netlink",
                // Debian patches two defaults (it leaves out lo, and /run, /mnt and /media):
                // give back upstream 1.5.0's, which Pollux follows.
                "--collector.netdev.device-exclude=",
                "--collector.filesystem.mount-points-exclude="
                    + Filesystems.MOUNT_POINTS_EXCLUDED.pattern(),
                "--collector.diskstats",
                "--collector.pressure",
                "--collector.filesystem",
                "--collector.cpufreq"),
            dir.resolve("node_exporter.log"),
            URI.create("http://127.0.0.1:" + port + "/"),
            "metrics");
  }

  @AfterEach
  void tearDown() {
    if (nodeExporter != null) {
      nodeExporter.close();
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
      HostTree.randomize(fake, new Random(seed));
      compare("random values of seed " + seed);
    }
  }

  private void compare(String what) throws Exception {
    device.sampleOnce();
    Exposition pollux = Exposition.parse(scrapePollux());
    String nodeText = nodeExporter.get("metrics").body();
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
    for (String family : MOVING_FAMILIES) {
      Map<String, Double> expected = byKey(node, family);
      Map<String, Double> actual = byKey(pollux, family);
      assertThat(actual.keySet()).as("%s: %s series", what, family).isEqualTo(expected.keySet());
      assertThat(expected).as("%s: node_exporter shows %s", what, family).isNotEmpty();
      expected.forEach(
          (key, value) ->
              assertThat(actual.get(key))
                  .as("%s: %s (free space moves under other processes)", what, key)
                  .isCloseTo(value, Percentage.withPercentage(100 * FREE_SPACE_TOLERANCE)));
      assertThat(pollux.help().get(family)).isEqualTo(node.help().get(family));
      assertThat(pollux.types().get(family)).isEqualTo(node.types().get(family));
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
}
