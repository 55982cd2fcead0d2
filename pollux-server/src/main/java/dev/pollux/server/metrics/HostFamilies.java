package dev.pollux.server.metrics;

import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

/**
 * The node_exporter 1.5 series of the host itself, read at scrape time: uname, time, CPU seconds
 * and boot time, meminfo, file systems, network and disk counters, pressure, and the hwmon alarms,
 * PWM and CPU frequencies that {@link NodeFamilies} does not take from the device's sensors.
 *
 * <p>Blocking: reads files and calls {@code statfs(2)}; {@link Metrics} runs it on the scrape's
 * virtual thread, never on an event loop. Each source that fails loses only its own series (logged
 * at DEBUG: a missing {@code /proc/pressure} or {@code /proc/diskstats} is a kernel's choice), as a
 * failed collector does in node_exporter.
 */
final class HostFamilies {
  private static final System.Logger LOG = System.getLogger(HostFamilies.class.getName());

  /** How long one mount's statfs may take: node_exporter's mount-timeout default. */
  static final Duration STATFS_DEADLINE = Duration.ofSeconds(5);

  private interface Source {
    void collect(List<MetricSnapshot> out) throws IOException;
  }

  private final HostPaths paths;
  private final InstantSource clock;
  private final Filesystems filesystems;

  HostFamilies(HostPaths paths, InstantSource clock, Duration statfsDeadline) {
    this.paths = paths;
    this.clock = clock;
    this.filesystems = new Filesystems(paths, statfsDeadline);
  }

  void collect(List<MetricSnapshot> out) {
    run("uname", HostFamilies::collectUname, out);
    Family.gauge("node_time_seconds", "System time in seconds since epoch (1970).")
        .add(clock.millis() / 1000.0)
        .addTo(out);
    run("/proc/stat", o -> ProcFamilies.collectStat(paths.procfs(), o), out);
    run("/proc/meminfo", o -> ProcFamilies.collectMeminfo(paths.procfs(), o), out);
    run("/proc/pressure", o -> ProcFamilies.collectPressure(paths.procfs(), o), out);
    run("/proc/net/dev", o -> DeviceStatFamilies.collectNetDev(paths.procfs(), o), out);
    run("/proc/diskstats", o -> DeviceStatFamilies.collectDiskStats(paths.procfs(), o), out);
    run("file systems", filesystems::collect, out);
    run("hwmon", o -> SysFamilies.collectHwmon(paths.sysfs(), o), out);
    run("cpufreq", o -> SysFamilies.collectCpufreq(paths.sysfs(), o), out);
  }

  /**
   * {@code node_uname_info}: from the {@code uname(2)} call, as node_exporter does (so not from the
   * {@code --procfs} tree: a fake tree still shows the real kernel).
   */
  private static void collectUname(List<MetricSnapshot> out) throws IOException {
    HostCalls.Uname uname = HostCalls.uname();
    Family.gauge(
            "node_uname_info",
            "Labeled system information as provided by the uname system call.",
            "sysname",
            "release",
            "version",
            "machine",
            "nodename",
            "domainname")
        .add(
            1,
            uname.sysname(),
            uname.release(),
            uname.version(),
            uname.machine(),
            uname.nodename(),
            uname.domainname())
        .addTo(out);
  }

  private static void run(String what, Source source, List<MetricSnapshot> out) {
    List<MetricSnapshot> mine = new ArrayList<>();
    try {
      source.collect(mine);
      out.addAll(mine);
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.DEBUG, () -> "metrics: cannot read " + what + ": " + e);
    }
  }
}
