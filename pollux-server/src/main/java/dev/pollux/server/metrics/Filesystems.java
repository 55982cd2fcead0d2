package dev.pollux.server.metrics;

import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * node_exporter 1.5's {@code filesystem} collector: the mounts of {@code /proc/1/mounts} (or {@code
 * /proc/mounts} when process 1 is hidden), less its default excludes, each with its {@code
 * statfs(2)} figures: {@code node_filesystem_size_bytes{device,fstype,mountpoint}}, {@code
 * _free_bytes}, {@code _avail_bytes}, {@code _files}, {@code _files_free}, {@code _readonly} and
 * {@code _device_error}.
 *
 * <p>Design: {@code statfs} on a dead NFS or CIFS mount blocks in the kernel, and a Java thread in
 * a native call cannot be interrupted. Each call runs on its own daemon platform thread (a virtual
 * one would pin its carrier) and the scrape waits for it at most {@link #deadline}; a mount whose
 * call has not returned is "stuck": it shows {@code device_error 1} and gets no new call until the
 * old one returns, so a dead mount costs one thread, not one per scrape. This is node_exporter's
 * own stuck-mount rule (its {@code --collector.filesystem.mount-timeout}, 5 s).
 */
final class Filesystems {
  private static final System.Logger LOG = System.getLogger(Filesystems.class.getName());

  /** node_exporter's {@code --collector.filesystem.mount-points-exclude} default. */
  static final Pattern MOUNT_POINTS_EXCLUDED =
      Pattern.compile(
          "^/(dev|proc|run/credentials/.+|sys|var/lib/docker/.+|var/lib/containers/storage/.+)($|/)");

  /** node_exporter's {@code --collector.filesystem.fs-types-exclude} default. */
  static final Pattern FS_TYPES_EXCLUDED =
      Pattern.compile(
          "^(autofs|binfmt_misc|bpf|cgroup2?|configfs|debugfs|devpts|devtmpfs|fusectl|hugetlbfs"
              + "|iso9660|mqueue|nsfs|overlay|proc|procfs|pstore|rpc_pipefs|securityfs|selinuxfs"
              + "|squashfs|sysfs|tracefs)$");

  /** {@code statfs(2)} on a path; blocking, possibly for minutes. */
  interface StatFs {
    HostCalls.FsStats call(String path) throws IOException;
  }

  private final HostPaths paths;
  private final Duration deadline;
  private final StatFs statFs;

  /** The statfs calls still running, by mount point: guarded by the map itself. */
  private final Map<String, CompletableFuture<HostCalls.FsStats>> running =
      new ConcurrentHashMap<>();

  private record Mount(String device, String mountPoint, String fsType, String options) {}

  Filesystems(HostPaths paths, Duration deadline) {
    this(paths, deadline, HostCalls::statfs);
  }

  Filesystems(HostPaths paths, Duration deadline, StatFs statFs) {
    this.paths = paths;
    this.deadline = deadline;
    this.statFs = statFs;
  }

  void collect(List<MetricSnapshot> out) throws IOException {
    String[] labels = {"device", "mountpoint", "fstype"};
    Family error =
        Family.gauge(
            "node_filesystem_device_error",
            "Whether an error occurred while getting statistics for the given device.",
            labels);
    Family size = Family.gauge("node_filesystem_size_bytes", "Filesystem size in bytes.", labels);
    Family free =
        Family.gauge("node_filesystem_free_bytes", "Filesystem free space in bytes.", labels);
    Family avail =
        Family.gauge(
            "node_filesystem_avail_bytes",
            "Filesystem space available to non-root users in bytes.",
            labels);
    Family files = Family.gauge("node_filesystem_files", "Filesystem total file nodes.", labels);
    Family filesFree =
        Family.gauge("node_filesystem_files_free", "Filesystem total free file nodes.", labels);
    Family readOnly =
        Family.gauge("node_filesystem_readonly", "Filesystem read-only status.", labels);
    Set<Mount> seen = new HashSet<>();
    for (Mount mount : mounts()) {
      if (MOUNT_POINTS_EXCLUDED.matcher(mount.mountPoint()).find()
          || FS_TYPES_EXCLUDED.matcher(mount.fsType()).find()
          || !seen.add(new Mount(mount.device(), mount.mountPoint(), mount.fsType(), ""))) {
        continue;
      }
      String[] values = {mount.device(), mount.mountPoint(), mount.fsType()};
      HostCalls.FsStats stats = statfs(mount.mountPoint());
      error.add(stats == null ? 1 : 0, values);
      if (stats == null) {
        continue;
      }
      double blockBytes = stats.blockBytes();
      size.add(stats.blocks() * blockBytes, values);
      free.add(stats.blocksFree() * blockBytes, values);
      avail.add(stats.blocksAvail() * blockBytes, values);
      files.add((double) stats.files(), values);
      filesFree.add((double) stats.filesFree(), values);
      readOnly.add(hasOption(mount.options(), "ro") ? 1 : 0, values);
    }
    for (Family family : List.of(error, size, free, avail, files, filesFree, readOnly)) {
      family.addTo(out);
    }
  }

  /** The figures of {@code mountPoint}, or null when statfs failed or is stuck. */
  private HostCalls.FsStats statfs(String mountPoint) {
    CompletableFuture<HostCalls.FsStats> call = running.get(mountPoint);
    if (call != null && !call.isDone()) {
      return null; // still stuck from an earlier scrape
    }
    String path = paths.underRoot(mountPoint).toString();
    CompletableFuture<HostCalls.FsStats> fresh = new CompletableFuture<>();
    running.put(mountPoint, fresh);
    Thread.ofPlatform()
        .daemon()
        .name("pollux-statfs")
        .start(
            () -> {
              try {
                fresh.complete(statFs.call(path));
              } catch (IOException | RuntimeException e) {
                fresh.completeExceptionally(e);
              }
            });
    try {
      HostCalls.FsStats stats = fresh.get(deadline.toNanos(), TimeUnit.NANOSECONDS);
      running.remove(mountPoint, fresh);
      return stats;
    } catch (TimeoutException e) {
      LOG.log(Level.WARNING, "statfs " + path + " did not return within " + deadline);
      return null;
    } catch (ExecutionException e) {
      running.remove(mountPoint, fresh);
      LOG.log(Level.DEBUG, () -> "statfs " + path + " failed: " + e.getCause());
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  private List<Mount> mounts() throws IOException {
    Path table = paths.procfs().resolve("1").resolve("mounts");
    List<List<String>> lines;
    try {
      lines = ProcText.fieldLines(table);
    } catch (NoSuchFileException e) {
      // hidepid=2 hides process 1; node_exporter falls back to our own view.
      lines = ProcText.fieldLines(paths.procfs().resolve("mounts"));
    }
    List<Mount> mounts = new ArrayList<>(lines.size());
    for (List<String> fields : lines) {
      if (fields.size() < 4) {
        throw new IOException(table + ": malformed mount line with " + fields.size() + " fields");
      }
      // fstab(5) escapes blanks in mount points as \040 and \011.
      String mountPoint = fields.get(1).replace("\\040", " ").replace("\\011", "\t");
      mounts.add(
          new Mount(fields.get(0), paths.stripRoot(mountPoint), fields.get(2), fields.get(3)));
    }
    return mounts;
  }

  private static boolean hasOption(String options, String option) {
    int start = 0;
    while (start <= options.length()) {
      int comma = options.indexOf(',', start);
      int end = comma < 0 ? options.length() : comma;
      if (options.regionMatches(start, option, 0, option.length())
          && end - start == option.length()) {
        return true;
      }
      start = end + 1;
    }
    return false;
  }
}
