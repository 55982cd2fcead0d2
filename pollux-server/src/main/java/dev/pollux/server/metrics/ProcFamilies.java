package dev.pollux.server.metrics;

import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * node_exporter 1.5's series from the plain {@code /proc} files: {@code /proc/stat} (its {@code
 * cpu} and {@code stat} collectors: {@code node_cpu_seconds_total{cpu,mode}}, {@code
 * node_cpu_guest_seconds_total}, {@code node_boot_time_seconds}), {@code /proc/meminfo} (every
 * line, named as node_exporter names it), and {@code /proc/pressure/*} where the kernel has PSI.
 * Each file is read at scrape time; one that cannot be read loses its own series only, as a failed
 * collector does in node_exporter.
 */
final class ProcFamilies {
  /** {@code USER_HZ}: the kernel reports {@code /proc/stat} in 1/100 s on every architecture. */
  private static final double USER_HZ = 100.0;

  private static final String[] CPU_MODES = {
    "user", "nice", "system", "idle", "iowait", "irq", "softirq", "steal"
  };

  private ProcFamilies() {}

  static void collectStat(Path procfs, List<MetricSnapshot> out) throws IOException {
    Family seconds =
        Family.counter("node_cpu_seconds", "Seconds the CPUs spent in each mode.", "cpu", "mode");
    Family guest =
        Family.counter(
            "node_cpu_guest_seconds",
            "Seconds the CPUs spent in guests (VMs) for each mode.",
            "cpu",
            "mode");
    Family boot = Family.gauge("node_boot_time_seconds", "Node boot time, in unixtime.");
    for (List<String> line : ProcText.fieldLines(procfs.resolve("stat"))) {
      String key = line.get(0);
      if (key.equals("btime") && line.size() > 1) {
        boot.add(Double.parseDouble(line.get(1)));
      } else if (key.startsWith("cpu") && key.length() > 3 && line.size() >= 11) {
        String cpu = key.substring(3);
        if (ProcText.count(cpu) < 0) {
          continue;
        }
        for (int mode = 0; mode < CPU_MODES.length; mode++) {
          seconds.add(ticks(line.get(1 + mode)), cpu, CPU_MODES[mode]);
        }
        // Guest time is also counted in user and nice; node_exporter shows it apart.
        guest.add(ticks(line.get(9)), cpu, "user");
        guest.add(ticks(line.get(10)), cpu, "nice");
      }
    }
    seconds.addTo(out);
    guest.addTo(out);
    boot.addTo(out);
  }

  private static double ticks(String field) {
    return Double.parseDouble(field) / USER_HZ;
  }

  /**
   * Every line of {@code /proc/meminfo}, named as node_exporter's meminfo collector does: {@code
   * Active(anon): 123 kB} is {@code node_memory_Active_anon_bytes} = 123 × 1024; a line without
   * unit ({@code HugePages_Total: 0}) keeps its name and value; a name ending in {@code _total} is
   * a counter, every other one a gauge.
   */
  static void collectMeminfo(Path procfs, List<MetricSnapshot> out) throws IOException {
    for (List<String> line : ProcText.fieldLines(procfs.resolve("meminfo"))) {
      if (line.size() < 2 || line.size() > 3 || !line.get(0).endsWith(":")) {
        continue;
      }
      String key = parensToUnderscore(line.get(0).substring(0, line.get(0).length() - 1));
      double value;
      try {
        value = Double.parseDouble(line.get(1));
      } catch (NumberFormatException e) {
        continue;
      }
      if (line.size() == 3) {
        value *= 1024; // the unit is always kB
        key += "_bytes";
      }
      String name = "node_memory_" + key;
      String help = "Memory information field " + key + ".";
      Family family =
          key.endsWith("_total")
              ? Family.counter(name.substring(0, name.length() - "_total".length()), help)
              : Family.gauge(name, help);
      family.add(value).addTo(out);
    }
  }

  /**
   * {@code Active(anon)} → {@code Active_anon}, as node_exporter's {@code \((.*)\)} → {@code _$1}.
   */
  static String parensToUnderscore(String key) {
    int open = key.indexOf('(');
    int close = key.lastIndexOf(')');
    if (open < 0 || close < open) {
      return key;
    }
    return key.substring(0, open) + "_" + key.substring(open + 1, close) + key.substring(close + 1);
  }

  /**
   * {@code /proc/pressure/{cpu,io,memory}}: the {@code total=} microseconds of the {@code some}
   * line (and of {@code full} for io and memory) in seconds. Absent directory, no series.
   */
  static void collectPressure(Path procfs, List<MetricSnapshot> out) throws IOException {
    Path dir = procfs.resolve("pressure");
    if (!Files.isDirectory(dir)) {
      return;
    }
    pressure(dir, "cpu", "some", "cpu_waiting", "that processes have waited for CPU time", out);
    pressure(
        dir, "io", "some", "io_waiting", "that processes have waited due to IO congestion", out);
    pressure(
        dir,
        "io",
        "full",
        "io_stalled",
        "no process could make progress due to IO congestion",
        out);
    pressure(dir, "memory", "some", "memory_waiting", "that processes have waited for memory", out);
    pressure(
        dir,
        "memory",
        "full",
        "memory_stalled",
        "no process could make progress due to memory congestion",
        out);
  }

  private static void pressure(
      Path dir, String resource, String line, String name, String what, List<MetricSnapshot> out)
      throws IOException {
    for (List<String> fields : ProcText.fieldLines(dir.resolve(resource))) {
      if (!fields.get(0).equals(line)) {
        continue;
      }
      for (String field : fields) {
        if (field.startsWith("total=")) {
          long micros = ProcText.count(field.substring("total=".length()));
          if (micros >= 0) {
            Family.counter("node_pressure_" + name + "_seconds", "Total time in seconds " + what)
                .add(micros / 1000.0 / 1000.0)
                .addTo(out);
          }
        }
      }
    }
  }
}
