package dev.pollux.server.metrics;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the host's node_exporter figures are read: {@code procfs} ({@code /proc}) and {@code sysfs}
 * ({@code /sys}) as the device layer reads them, and {@code rootfs} ({@code /}), the prefix put
 * before each mount point before {@code statfs(2)}, like node_exporter's {@code --path.rootfs}.
 */
public record HostPaths(Path procfs, Path sysfs, Path rootfs) {
  public HostPaths {
    Objects.requireNonNull(procfs, "procfs");
    Objects.requireNonNull(sysfs, "sysfs");
    Objects.requireNonNull(rootfs, "rootfs");
  }

  /** {@code procfs} and {@code sysfs} as given, the root file system at {@code /}. */
  public static HostPaths of(Path procfs, Path sysfs) {
    return new HostPaths(procfs, sysfs, Path.of("/"));
  }

  /**
   * The path to {@code statfs} for {@code mountPoint} (absolute, as in {@code /proc/mounts}):
   * {@code rootfs} joined with it.
   */
  Path underRoot(String mountPoint) {
    String relative = mountPoint;
    while (relative.startsWith("/")) {
      relative = relative.substring(1);
    }
    return relative.isEmpty() ? rootfs : rootfs.resolve(relative);
  }

  /**
   * The mount point as node_exporter labels it: with the rootfs prefix taken off when the mount
   * table names the mount under it (a node_exporter in a container sees the host's mounts under
   * {@code /host}).
   */
  String stripRoot(String mountPoint) {
    String root = rootfs.toString();
    if (root.equals("/") || !mountPoint.startsWith(root)) {
      return mountPoint;
    }
    String rest = mountPoint.substring(root.length());
    return rest.isEmpty() ? "/" : rest;
  }
}
