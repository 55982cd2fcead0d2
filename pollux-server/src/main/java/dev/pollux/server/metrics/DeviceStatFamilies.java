package dev.pollux.server.metrics;

import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * node_exporter 1.5's network and disk counters: {@code /proc/net/dev} as its {@code netdev}
 * collector reads it without netlink ({@code node_network_receive_bytes_total{device="eth0"}}), and
 * {@code /proc/diskstats} as its {@code diskstats} collector does ({@code
 * node_disk_read_bytes_total{device="sda"}}), with the same default exclusion of partitions and
 * RAM, loop and floppy devices.
 */
final class DeviceStatFamilies {
  /** node_exporter's {@code --collector.diskstats.device-exclude} default. */
  static final Pattern DISKS_EXCLUDED =
      Pattern.compile("^(ram|loop|fd|(h|s|v|xv)d[a-z]|nvme\\d+n\\d+p)\\d+$");

  /** The columns of /proc/net/dev after the name, named as node_exporter's legacy names. */
  private static final String[] NET_COLUMNS = {
    "receive_bytes", "receive_packets", "receive_errs", "receive_drop",
    "receive_fifo", "receive_frame", "receive_compressed", "receive_multicast",
    "transmit_bytes", "transmit_packets", "transmit_errs", "transmit_drop",
    "transmit_fifo", "transmit_colls", "transmit_carrier", "transmit_compressed"
  };

  /** One /proc/diskstats column: its node_exporter name, help, type and factor. */
  private record DiskColumn(String name, String help, boolean counter, double factor) {}

  /** The first eleven columns after the device name (Documentation/admin-guide/iostats.rst). */
  private static final List<DiskColumn> DISK_COLUMNS =
      List.of(
          new DiskColumn(
              "reads_completed", "The total number of reads completed successfully.", true, 1),
          new DiskColumn("reads_merged", "The total number of reads merged.", true, 1),
          // Sectors are the "standard UNIX 512-byte sectors", whatever the device's block size.
          new DiskColumn("read_bytes", "The total number of bytes read successfully.", true, 512),
          new DiskColumn(
              "read_time_seconds", "The total number of seconds spent by all reads.", true, 0.001),
          new DiskColumn(
              "writes_completed", "The total number of writes completed successfully.", true, 1),
          new DiskColumn("writes_merged", "The number of writes merged.", true, 1),
          new DiskColumn(
              "written_bytes", "The total number of bytes written successfully.", true, 512),
          new DiskColumn(
              "write_time_seconds",
              "This is the total number of seconds spent by all writes.",
              true,
              0.001),
          new DiskColumn("io_now", "The number of I/Os currently in progress.", false, 1),
          new DiskColumn("io_time_seconds", "Total seconds spent doing I/Os.", true, 0.001),
          new DiskColumn(
              "io_time_weighted_seconds",
              "The weighted # of seconds spent doing I/Os.",
              true,
              0.001));

  private DeviceStatFamilies() {}

  static void collectNetDev(Path procfs, List<MetricSnapshot> out) throws IOException {
    Family[] families = new Family[NET_COLUMNS.length];
    for (int i = 0; i < families.length; i++) {
      families[i] =
          Family.counter(
              "node_network_" + NET_COLUMNS[i],
              "Network device statistic " + NET_COLUMNS[i] + ".",
              "device");
    }
    String text = ProcText.read(procfs.resolve("net").resolve("dev"));
    int start = 0;
    while (start < text.length()) {
      int end = text.indexOf('\n', start);
      if (end < 0) {
        end = text.length();
      }
      // "  eth0: 1234 5 ..." (the two header lines have '|' and no ':'); the name may touch
      // its first number on old kernels ("eth0:1234"), so split at the colon, not at blanks.
      int colon = text.indexOf(':', start);
      if (colon >= 0 && colon < end) {
        String device = text.substring(start, colon).strip();
        List<String> values = ProcText.fields(text, colon + 1, end);
        if (!device.isEmpty() && values.size() >= NET_COLUMNS.length) {
          for (int i = 0; i < NET_COLUMNS.length; i++) {
            families[i].add(Double.parseDouble(values.get(i)), device);
          }
        }
      }
      start = end + 1;
    }
    for (Family family : families) {
      family.addTo(out);
    }
  }

  static void collectDiskStats(Path procfs, List<MetricSnapshot> out) throws IOException {
    Family[] families = new Family[DISK_COLUMNS.size()];
    for (int i = 0; i < families.length; i++) {
      DiskColumn column = DISK_COLUMNS.get(i);
      String name = "node_disk_" + column.name();
      families[i] =
          column.counter()
              ? Family.counter(name, column.help(), "device")
              : Family.gauge(name, column.help(), "device");
    }
    for (List<String> line : ProcText.fieldLines(procfs.resolve("diskstats"))) {
      if (line.size() < 3 + DISK_COLUMNS.size()) {
        continue;
      }
      String device = line.get(2);
      if (DISKS_EXCLUDED.matcher(device).matches()) {
        continue;
      }
      for (int i = 0; i < families.length; i++) {
        double raw = Double.parseDouble(line.get(3 + i));
        families[i].add(raw * DISK_COLUMNS.get(i).factor(), device);
      }
    }
    for (Family family : families) {
      family.addTo(out);
    }
  }
}
