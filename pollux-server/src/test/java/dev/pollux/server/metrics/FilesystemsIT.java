package dev.pollux.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A mount whose {@code statfs(2)} never returns (a dead NFS server) costs one scrape its deadline,
 * then shows {@code node_filesystem_device_error 1} without another call until the first returns;
 * the other mounts are served throughout. Threads, so an IT.
 */
class FilesystemsIT {
  private static final Duration DEADLINE = Duration.ofMillis(200);

  @TempDir Path dir;

  @Test
  void aHungMountIsAnErrorAndIsNotAskedAgainUntilItAnswers() throws Exception {
    Path proc = dir.resolve("proc");
    Files.createDirectories(proc.resolve("1"));
    Files.writeString(
        proc.resolve("1/mounts"), "/dev/root / ext4 rw 0 0\nserver:/export /mnt/nfs nfs4 rw 0 0\n");
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger nfsCalls = new AtomicInteger();
    Filesystems filesystems =
        new Filesystems(
            new HostPaths(proc, dir.resolve("sys"), Path.of("/")),
            DEADLINE,
            path -> {
              if (path.equals("/mnt/nfs")) {
                nfsCalls.incrementAndGet();
                try {
                  if (!release.await(30, TimeUnit.SECONDS)) {
                    throw new IOException("never released");
                  }
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  throw new IOException("interrupted", e);
                }
              }
              return new HostCalls.FsStats(4096, 1000, 500, 400, 100, 50);
            });

    long start = System.nanoTime();
    Exposition first = collect(filesystems);
    long tookMillis = (System.nanoTime() - start) / 1_000_000;
    Exposition second = collect(filesystems);

    assertThat(tookMillis)
        .as("the first scrape waits the deadline, not the mount")
        .isLessThan(10_000);
    for (Exposition page : List.of(first, second)) {
      assertThat(
              page.value(
                  "node_filesystem_device_error", labels("/mnt/nfs", "server:/export", "nfs4")))
          .isEqualTo(1.0);
      assertThat(page.value("node_filesystem_size_bytes", labels("/", "/dev/root", "ext4")))
          .isEqualTo(4096.0 * 1000);
      assertThat(page.named("node_filesystem_size_bytes")).hasSize(1);
    }
    assertThat(nfsCalls).as("one call stuck, no second one").hasValue(1);

    release.countDown();
    Awaitility.await("the hung mount answering again")
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                Double.valueOf(0.0)
                    .equals(
                        collect(filesystems)
                            .value(
                                "node_filesystem_device_error",
                                labels("/mnt/nfs", "server:/export", "nfs4"))));
  }

  private static Map<String, String> labels(String mountpoint, String device, String fstype) {
    return Map.of("mountpoint", mountpoint, "device", device, "fstype", fstype);
  }

  private static Exposition collect(Filesystems filesystems) throws Exception {
    List<MetricSnapshot> out = new ArrayList<>();
    filesystems.collect(out);
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    PrometheusTextFormatWriter.create().write(text, new MetricSnapshots(out));
    return Exposition.parse(text.toString(StandardCharsets.UTF_8));
  }
}
