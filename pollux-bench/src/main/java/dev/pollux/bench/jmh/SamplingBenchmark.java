package dev.pollux.bench.jmh;

import dev.pollux.device.Device;
import dev.pollux.device.DeviceConfig;
import dev.pollux.device.Snapshot;
import dev.pollux.testing.sysfs.FakeSysfs;
import dev.pollux.testing.sysfs.Hwmon;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Microseconds (and, with {@code -prof gc}, bytes allocated) for one sampling pass, {@link
 * Device#sampleOnce()}, over 50 sensors on a fake sysfs/procfs tree in a temporary directory: 8
 * thermal zones, 5 hwmon chips with 4 temperatures, 2 fans and 1 voltage each (43 sysfs files), and
 * the 7 procfs sensors (3 load averages, 2 memory figures, uptime, cpu busy).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms256m", "-Xmx256m", "-XX:+UseParallelGC"})
public class SamplingBenchmark {

  static final int THERMAL_ZONES = 8;
  static final int CHIPS = 5;

  private Path dir;
  private Device device;

  /** Builds the tree and opens the device on it (the sampler thread is not started). */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    dir = Files.createTempDirectory("pollux-sampling-bench");
    FakeSysfs tree = FakeSysfs.in(dir);
    for (int z = 0; z < THERMAL_ZONES; z++) {
      tree.thermalZone(z, z == 0 ? "x86_pkg_temp" : "acpitz", 40_000 + z * 1_000);
    }
    for (int c = 0; c < CHIPS; c++) {
      Hwmon chip = tree.hwmon(c, "coretemp", "platform/coretemp." + c);
      for (int t = 1; t <= 4; t++) {
        chip.temp(t, 45_000 + t * 500, "Core " + (t - 1));
      }
      chip.fan(1, 1200, "fan1").fan(2, 900, "fan2").in(0, 1_100, "Vcore");
    }
    tree.loadavg(0.5, 0.4, 0.3).meminfo(8_000_000, 6_000_000).uptime(12345.6);
    tree.stat(100, 0, 50, 1000, 10);
    device =
        Device.open(
            DeviceConfig.builder()
                .sysfsRoot(tree.sysfsRoot())
                .procfsRoot(tree.procfsRoot())
                .interval(Duration.ofSeconds(1))
                .rescanInterval(Duration.ZERO)
                .build());
    int sensors = device.sensors().size();
    if (sensors != 50) {
      throw new IllegalStateException("the fake tree gave " + sensors + " sensors, expected 50");
    }
  }

  /** One pass over every sensor on the calling thread. */
  @Benchmark
  public Snapshot sampleOnce() {
    return device.sampleOnce();
  }

  /** Closes the device and deletes the tree. */
  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    device.close();
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
