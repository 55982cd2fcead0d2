package dev.pollux.device.internal;

import dev.pollux.device.Sensor;
import dev.pollux.device.SensorKind;
import dev.pollux.device.Source;
import dev.pollux.device.Unit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The system figures from procfs: {@code load1}, {@code load5}, {@code load15} ({@code loadavg}),
 * {@code memory_total}, {@code memory_available} ({@code meminfo}, bytes), {@code uptime} (seconds)
 * and {@code cpu_busy} ({@code stat}, percent between two samples). A file that does not exist
 * gives no sensor.
 */
final class SystemFiles {
  /** {@code /proc/meminfo} is about 1.5 KiB; room for kernels that add lines. */
  private static final int MEMINFO_BYTES = 8 * 1024;

  /** Only the first line of {@code /proc/stat} is used; it comes first, so 4 KiB is plenty. */
  private static final int STAT_BYTES = 4 * 1024;

  private static final int SMALL_FILE_BYTES = 256;

  private SystemFiles() {}

  static List<Discovered> discover(Path procfsRoot) {
    List<Discovered> found = new ArrayList<>();
    Path loadavg = procfsRoot.resolve("loadavg");
    if (Files.exists(loadavg)) {
      String[] ids = {"load1", "load5", "load15"};
      String[] labels = {"load average 1 min", "load average 5 min", "load average 15 min"};
      for (int i = 0; i < ids.length; i++) {
        Probe probe = new LoadavgProbe(AttributeFile.procfs(loadavg, SMALL_FILE_BYTES), i);
        found.add(
            discovered(ids[i], SensorKind.LOAD, Unit.NONE, labels[i], ids[i], loadavg, probe));
      }
    }
    Path meminfo = procfsRoot.resolve("meminfo");
    if (Files.exists(meminfo)) {
      for (String key : new String[] {"MemTotal", "MemAvailable"}) {
        Probe probe = new MeminfoProbe(AttributeFile.procfs(meminfo, MEMINFO_BYTES), key);
        String id = key.equals("MemTotal") ? "memory_total" : "memory_available";
        String label = key.equals("MemTotal") ? "memory total" : "memory available";
        found.add(discovered(id, SensorKind.MEMORY, Unit.BYTES, label, key, meminfo, probe));
      }
    }
    Path uptime = procfsRoot.resolve("uptime");
    if (Files.exists(uptime)) {
      Probe probe = new UptimeProbe(AttributeFile.procfs(uptime, SMALL_FILE_BYTES));
      found.add(
          discovered("uptime", SensorKind.UPTIME, Unit.SECONDS, "uptime", "uptime", uptime, probe));
    }
    Path stat = procfsRoot.resolve("stat");
    if (Files.exists(stat)) {
      Probe probe = new CpuBusyProbe(AttributeFile.procfs(stat, STAT_BYTES));
      found.add(
          discovered("cpu_busy", SensorKind.CPU, Unit.PERCENT, "CPU busy", "cpu", stat, probe));
    }
    return found;
  }

  private static Discovered discovered(
      String id, SensorKind kind, Unit unit, String label, String field, Path path, Probe probe) {
    return new Discovered(new Sensor(id, kind, unit, label, new Source.Proc(field, path)), probe);
  }
}
