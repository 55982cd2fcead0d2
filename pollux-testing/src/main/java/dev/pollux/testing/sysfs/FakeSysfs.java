package dev.pollux.testing.sysfs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * A fake sysfs and procfs tree in a test's temporary directory, built fluently:
 *
 * <pre>{@code
 * FakeSysfs fake = FakeSysfs.in(tempDir).thermalZone(0, "cpu-thermal", 48_312).loadavg(0.5, 0.4, 0.3);
 * fake.hwmon(1, "coretemp", "platform/coretemp.0").temp(1, 45_000, "Package id 0");
 * }</pre>
 *
 * <p>It lays files out as the kernel does ({@code class/hwmon/hwmonN} a link into {@code
 * devices/...}, with a {@code device} link), and makes read errors that also work as root, where
 * {@code chmod 000} stops nothing: a directory in place of a file (EISDIR on read), and a FIFO
 * without a writer (a read that blocks until {@link #feedFifo} writes).
 */
public final class FakeSysfs {
  private final Path sysfsRoot;
  private final Path procfsRoot;

  private FakeSysfs(Path dir) {
    this.sysfsRoot = dir.resolve("sys");
    this.procfsRoot = dir.resolve("proc");
    createDirectories(sysfsRoot);
    createDirectories(procfsRoot);
  }

  /** An empty tree with {@code sys} and {@code proc} under {@code dir}. */
  public static FakeSysfs in(Path dir) {
    return new FakeSysfs(dir);
  }

  /** The directory to pass as the sysfs root. */
  public Path sysfsRoot() {
    return sysfsRoot;
  }

  /** The directory to pass as the procfs root. */
  public Path procfsRoot() {
    return procfsRoot;
  }

  /** {@code class/thermal/thermal_zone<n>/type} and {@code temp} (millidegrees Celsius). */
  public FakeSysfs thermalZone(int n, String type, long milliCelsius) {
    Path zone = thermalZoneDir(n);
    write(zone.resolve("type"), type + "\n");
    write(zone.resolve("temp"), milliCelsius + "\n");
    return this;
  }

  /** The directory of thermal zone {@code n}. */
  public Path thermalZoneDir(int n) {
    return sysfsRoot.resolve("class/thermal/thermal_zone" + n);
  }

  /**
   * A hwmon chip {@code hwmon<n>} with a {@code name} file (none when {@code name} is null). With a
   * {@code devicePath} such as {@code platform/coretemp.0}, the chip lives under {@code
   * devices/platform/coretemp.0/hwmon/hwmon<n>}, {@code class/hwmon/hwmon<n>} links to it and its
   * {@code device} link points at the device; without one it is a plain directory, as virtual chips
   * are.
   */
  public Hwmon hwmon(int n, String name, String devicePath) {
    Path classLink = sysfsRoot.resolve("class/hwmon/hwmon" + n);
    createDirectories(classLink.getParent());
    Path dir;
    try {
      if (devicePath == null) {
        dir = createDirectories(classLink);
      } else {
        Path device = createDirectories(sysfsRoot.resolve("devices").resolve(devicePath));
        dir = createDirectories(device.resolve("hwmon/hwmon" + n));
        Files.createSymbolicLink(classLink, dir);
        Files.createSymbolicLink(dir.resolve("device"), device);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (name != null) {
      write(dir.resolve("name"), name + "\n");
    }
    return new Hwmon(this, dir);
  }

  /** {@code class/leds/<name>/brightness} and {@code max_brightness}. */
  public FakeSysfs led(String name, int brightness, int maxBrightness) {
    Path dir = ledDir(name);
    write(dir.resolve("brightness"), brightness + "\n");
    write(dir.resolve("max_brightness"), maxBrightness + "\n");
    return this;
  }

  /**
   * An LED's trigger file as the kernel lists it: every name of {@code triggers}, with {@code
   * active} in brackets, e.g. {@code "none rc-feedback [mmc0] heartbeat\n"}.
   */
  public FakeSysfs ledTriggers(String name, String active, String... triggers) {
    StringBuilder line = new StringBuilder();
    for (String trigger : triggers) {
      line.append(line.isEmpty() ? "" : " ");
      line.append(trigger.equals(active) ? "[" + trigger + "]" : trigger);
    }
    write(ledDir(name).resolve("trigger"), line.append('\n').toString());
    return this;
  }

  /** The directory of LED {@code name}. */
  public Path ledDir(String name) {
    return sysfsRoot.resolve("class/leds").resolve(name);
  }

  /**
   * The Raspberry Pi's {@code rpi_volt} hwmon chip as the firmware driver registers it (under
   * {@code devices/platform/soc/soc:firmware/raspberrypi-hwmon}), with only {@code
   * in0_lcrit_alarm}: 1 while the supply is under-voltage.
   */
  public Hwmon rpiVolt(int n, boolean underVoltage) {
    Hwmon chip = hwmon(n, "rpi_volt", "platform/soc/soc:firmware/raspberrypi-hwmon");
    write(chip.dir().resolve("in0_lcrit_alarm"), (underVoltage ? "1" : "0") + "\n");
    return chip;
  }

  /** The firmware's {@code get_throttled} bitmask, in hexadecimal as the driver prints it. */
  public FakeSysfs getThrottled(int mask) {
    write(getThrottledFile(), Integer.toHexString(mask) + "\n");
    return this;
  }

  /** {@code devices/platform/soc/soc:firmware/get_throttled}. */
  public Path getThrottledFile() {
    return sysfsRoot.resolve("devices/platform/soc/soc:firmware/get_throttled");
  }

  /**
   * A cpufreq policy: {@code devices/system/cpu/cpufreq/policy<n>/scaling_cur_freq} (kHz) and
   * {@code affected_cpus}.
   */
  public FakeSysfs cpufreqPolicy(int n, long kiloHertz, int... cpus) {
    Path dir = sysfsRoot.resolve("devices/system/cpu/cpufreq/policy" + n);
    write(dir.resolve("scaling_cur_freq"), kiloHertz + "\n");
    StringBuilder list = new StringBuilder();
    for (int cpu : cpus) {
      list.append(list.isEmpty() ? "" : " ").append(cpu);
    }
    write(dir.resolve("affected_cpus"), list.append('\n').toString());
    return this;
  }

  /**
   * The Raspberry Pi 5's fan: hwmon chip {@code pwmfan} of {@code devices/platform/cooling_fan}
   * with {@code fan1_input} (RPM), the {@code duty} (0-255) and the mode 2 (automatic) in its
   * enable file.
   */
  public Hwmon coolingFan(int n, long rpm, int duty) {
    return hwmon(n, "pwmfan", "platform/cooling_fan").fan(1, rpm, null).pwm(1, duty, 2);
  }

  /**
   * An exported PWM channel {@code class/pwm/pwmchip<chip>/pwm<channel>} with {@code period} and
   * {@code duty_cycle} in nanoseconds and {@code enable}.
   */
  public FakeSysfs pwmChannel(int chip, int channel, long periodNanos, long dutyNanos) {
    Path dir = pwmChannelDir(chip, channel);
    write(dir.resolve("period"), periodNanos + "\n");
    write(dir.resolve("duty_cycle"), dutyNanos + "\n");
    write(dir.resolve("enable"), "1\n");
    write(sysfsRoot.resolve("class/pwm/pwmchip" + chip).resolve("npwm"), "2\n");
    return this;
  }

  /** The directory of an exported PWM channel. */
  public Path pwmChannelDir(int chip, int channel) {
    return sysfsRoot.resolve("class/pwm/pwmchip" + chip).resolve("pwm" + channel);
  }

  /** {@code /proc/loadavg}, like {@code 0.52 0.58 0.59 1/234 5678}. */
  public FakeSysfs loadavg(double load1, double load5, double load15) {
    String line = String.format(Locale.ROOT, "%.2f %.2f %.2f 1/234 5678%n", load1, load5, load15);
    write(procfsRoot.resolve("loadavg"), line);
    return this;
  }

  /** {@code /proc/meminfo} with MemTotal, MemFree and MemAvailable in kB. */
  public FakeSysfs meminfo(long totalKib, long availableKib) {
    String text =
        "MemTotal:       "
            + totalKib
            + " kB\nMemFree:         "
            + availableKib / 2
            + " kB\nMemAvailable:   "
            + availableKib
            + " kB\nBuffers:          123456 kB\n";
    write(procfsRoot.resolve("meminfo"), text);
    return this;
  }

  /** {@code /proc/uptime}: seconds up and seconds idle. */
  public FakeSysfs uptime(double seconds) {
    write(
        procfsRoot.resolve("uptime"),
        String.format(Locale.ROOT, "%.2f %.2f%n", seconds, seconds * 1.5));
    return this;
  }

  /** {@code /proc/stat} with its {@code cpu} line (clock ticks) and one {@code cpu0} line. */
  public FakeSysfs stat(long user, long nice, long system, long idle, long iowait) {
    String cpu = user + " " + nice + " " + system + " " + idle + " " + iowait + " 0 0 0 0 0\n";
    write(procfsRoot.resolve("stat"), "cpu  " + cpu + "cpu0 " + cpu + "intr 12345\n");
    return this;
  }

  /** Writes {@code content} into {@code file}, keeping its inode (as a sysfs value changes). */
  public FakeSysfs write(Path file, String content) {
    createDirectories(file.getParent());
    try {
      Files.writeString(
          file,
          content,
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.TRUNCATE_EXISTING,
          StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** Replaces {@code file} by a directory: reading it fails with EISDIR, even as root. */
  public FakeSysfs directoryInPlaceOf(Path file) {
    delete(file);
    createDirectories(file);
    return this;
  }

  /**
   * Replaces {@code file} by a FIFO without a writer: opening it blocks until {@link #feedFifo}.
   */
  public FakeSysfs fifoInPlaceOf(Path file) {
    delete(file);
    createDirectories(file.getParent());
    try {
      Process mkfifo =
          new ProcessBuilder("mkfifo", file.toString()).redirectErrorStream(true).start();
      int status = mkfifo.waitFor();
      if (status != 0) {
        throw new IllegalStateException("mkfifo " + file + " exited with " + status);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while making a FIFO", e);
    }
    return this;
  }

  /**
   * Writes {@code content} into the FIFO, releasing a reader blocked opening it. Opens it
   * read-write, which on Linux never blocks (fifo(7)): with a reader waiting the reader gets {@code
   * content}; without one the bytes are dropped when the FIFO is closed again.
   */
  public FakeSysfs feedFifo(Path fifo, String content) {
    try (FileChannel channel =
        FileChannel.open(fifo, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      channel.write(ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** Deletes a file or a whole directory (links are removed, not followed). */
  public FakeSysfs delete(Path path) {
    if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      return this;
    }
    try (Stream<Path> all = Files.walk(path)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  static Path createDirectories(Path dir) {
    try {
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
