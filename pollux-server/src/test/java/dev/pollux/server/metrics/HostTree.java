package dev.pollux.server.metrics;

import dev.pollux.testing.sysfs.FakeSysfs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

/**
 * The host files of the metrics tests' fake machine, beside {@link HardwareTree}'s sensors: a
 * {@code /proc/stat} with two CPUs and the boot time, a full {@code /proc/meminfo} (with the {@code
 * Active(anon)} and unit-less lines node_exporter names specially), {@code /proc/net/dev}, {@code
 * /proc/diskstats} (disks, a partition and a loop device that node_exporter leaves out), {@code
 * /proc/pressure}, {@code /proc/1/mounts} over a fake root (a read-only mount, a mount point with a
 * blank, a missing one, pseudo file systems), a Raspberry Pi's {@code rpi_volt} chip, a PWM fan and
 * cpufreq policies. Laid out so that node_exporter 1.5 reads the same.
 */
final class HostTree {
  private HostTree() {}

  /** Adds the host files to {@code fake}; {@code rootfs} is where the mount points live. */
  static void build(FakeSysfs fake, Path rootfs) {
    Path proc = fake.procfsRoot();
    Path sys = fake.sysfsRoot();
    write(fake, proc.resolve("stat"), stat(new Random(0)));
    fake.write(proc.resolve("meminfo"), meminfo(new Random(0)));
    fake.write(proc.resolve("net/dev"), netDev(new Random(0)));
    fake.write(proc.resolve("diskstats"), diskstats(new Random(0)));
    pressure(fake, new Random(0));
    mounts(fake, rootfs);
    // The Raspberry Pi's under-voltage alarm: a virtual chip with nothing but in0_lcrit_alarm.
    Path rpiVolt = sys.resolve("class/hwmon/hwmon4");
    fake.write(rpiVolt.resolve("name"), "rpi_volt\n");
    fake.write(rpiVolt.resolve("in0_lcrit_alarm"), "1\n");
    Path nct = sys.resolve("devices/platform/nct6775.656/hwmon/hwmon2");
    fake.write(nct.resolve("pwm1"), "128\n");
    fake.write(nct.resolve("pwm1_enable"), "2\n");
    fake.write(nct.resolve("pwm2"), "255\n");
    for (int cpu = 0; cpu < 2; cpu++) {
      Path cpufreq = sys.resolve("devices/system/cpu/cpu" + cpu + "/cpufreq");
      fake.write(cpufreq.resolve("scaling_cur_freq"), (600_000 + cpu * 900_000) + "\n");
      fake.write(cpufreq.resolve("scaling_min_freq"), "600000\n");
      fake.write(cpufreq.resolve("scaling_max_freq"), "1500000\n");
      // procfs 0.8 (node_exporter 1.5) fails the whole collector without these five.
      fake.write(cpufreq.resolve("scaling_governor"), "ondemand\n");
      fake.write(cpufreq.resolve("scaling_available_governors"), "ondemand performance\n");
      fake.write(cpufreq.resolve("scaling_driver"), "cpufreq-dt\n");
      fake.write(cpufreq.resolve("related_cpus"), cpu + "\n");
      fake.write(cpufreq.resolve("scaling_setspeed"), "<unsupported>\n");
    }
  }

  /**
   * New random values in the counters (never lower: node_exporter keeps a CPU's old figure then).
   */
  static void randomize(FakeSysfs fake, Random random) {
    write(fake, fake.procfsRoot().resolve("stat"), stat(random));
    fake.write(fake.procfsRoot().resolve("meminfo"), meminfo(random));
    fake.write(fake.procfsRoot().resolve("net/dev"), netDev(random));
    fake.write(fake.procfsRoot().resolve("diskstats"), diskstats(random));
    pressure(fake, random);
    Path rpiVolt = fake.sysfsRoot().resolve("class/hwmon/hwmon4/in0_lcrit_alarm");
    fake.write(rpiVolt, random.nextInt(2) + "\n");
    Path pwm = fake.sysfsRoot().resolve("devices/platform/nct6775.656/hwmon/hwmon2/pwm1");
    fake.write(pwm, random.nextInt(256) + "\n");
    fake.write(
        fake.sysfsRoot().resolve("devices/system/cpu/cpu1/cpufreq/scaling_cur_freq"),
        (600_000 + random.nextInt(1_000) * 1_000) + "\n");
  }

  /** A full meminfo, with the parenthesised and unit-less lines node_exporter names specially. */
  private static String meminfo(Random random) {
    String[] kibLines = {
      "MemTotal",
      "MemFree",
      "MemAvailable",
      "Buffers",
      "Cached",
      "SwapCached",
      "Active",
      "Inactive",
      "Active(anon)",
      "Inactive(anon)",
      "Active(file)",
      "SwapTotal",
      "SwapFree",
      "Dirty",
      "Shmem",
      "SReclaimable",
      "Hugepagesize"
    };
    StringBuilder text = new StringBuilder();
    for (String key : kibLines) {
      text.append(
          String.format(Locale.ROOT, "%-16s%8d kB%n", key + ":", random.nextLong(0, 1L << 26)));
    }
    text.append("HugePages_Total:       ").append(random.nextInt(64)).append('\n');
    text.append("HugePages_Free:        0\n");
    return text.toString();
  }

  private static int statCalls;

  private static String stat(Random random) {
    // Each call adds to the last figures, so counters only grow.
    statCalls++;
    StringBuilder text = new StringBuilder("cpu  0 0 0 0 0 0 0 0 0 0\n");
    for (int cpu = 0; cpu < 2; cpu++) {
      text.append("cpu").append(cpu);
      for (int mode = 0; mode < 10; mode++) {
        text.append(' ').append(statCalls * 1_000_000L + random.nextInt(1_000_000));
      }
      text.append('\n');
    }
    return text.append("intr 12345\nctxt 98765\nbtime 1764921600\nprocesses 4321\n")
        .append("procs_running 2\nprocs_blocked 0\n")
        .toString();
  }

  private static String netDev(Random random) {
    StringBuilder text =
        new StringBuilder(
            "Inter-|   Receive                                                |  Transmit\n"
                + " face |bytes    packets errs drop fifo frame compressed multicast|bytes"
                + "    packets errs drop fifo colls carrier compressed\n");
    for (String device : new String[] {"lo", "eth0", "wlan0"}) {
      text.append(String.format(Locale.ROOT, "%6s:", device));
      for (int column = 0; column < 16; column++) {
        text.append(' ').append(random.nextLong(0, 1L << 40));
      }
      text.append('\n');
    }
    return text.toString();
  }

  private static String diskstats(Random random) {
    StringBuilder text = new StringBuilder();
    String[][] devices = {
      {"8", "0", "sda"},
      {"8", "1", "sda1"},
      {"7", "0", "loop0"},
      {"179", "0", "mmcblk0"},
      {"259", "0", "nvme0n1"}
    };
    for (String[] device : devices) {
      text.append(String.format(Locale.ROOT, "%4s %7s %s", device[0], device[1], device[2]));
      for (int column = 0; column < 17; column++) {
        text.append(' ').append(random.nextLong(0, 1L << 32));
      }
      text.append('\n');
    }
    return text.toString();
  }

  private static void pressure(FakeSysfs fake, Random random) {
    for (String resource : new String[] {"cpu", "io", "memory"}) {
      fake.write(
          fake.procfsRoot().resolve("pressure").resolve(resource),
          "some avg10=0.00 avg60=0.12 avg300=0.50 total="
              + random.nextLong(0, 1L << 40)
              + "\nfull avg10=0.00 avg60=0.00 avg300=0.00 total="
              + random.nextLong(0, 1L << 40)
              + "\n");
    }
  }

  private static void mounts(FakeSysfs fake, Path rootfs) {
    try {
      Files.createDirectories(rootfs.resolve("boot"));
      Files.createDirectories(rootfs.resolve("media/usb stick"));
      Files.createDirectories(rootfs.resolve("dev/shm"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    fake.write(
        fake.procfsRoot().resolve("1/mounts"),
        """
        /dev/root / ext4 rw,noatime 0 0
        proc /proc proc rw,nosuid,nodev,noexec,relatime 0 0
        sysfs /sys sysfs rw,nosuid,nodev,noexec,relatime 0 0
        tmpfs /dev/shm tmpfs rw,nosuid,nodev 0 0
        /dev/mmcblk0p1 /boot vfat ro,relatime,fmask=0022 0 0
        /dev/sda1 /media/usb\\040stick ext4 rw,relatime 0 0
        server:/export /mnt/gone nfs4 rw,relatime 0 0
        cgroup2 /sys/fs/cgroup cgroup2 rw 0 0
        """);
  }

  private static void write(FakeSysfs fake, Path file, String text) {
    fake.write(file, text);
  }
}
