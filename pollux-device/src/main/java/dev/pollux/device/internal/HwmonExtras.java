package dev.pollux.device.internal;

import dev.pollux.device.Sensor;
import dev.pollux.device.SensorKind;
import dev.pollux.device.Source;
import dev.pollux.device.Unit;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The hwmon attributes that are not {@code *_input}: a fan's duty {@code pwmN} (0-255) as a {@code
 * pwm} sensor, e.g. {@code hwmon_platform_cooling_fan_pwm1} on a Raspberry Pi 5, and the low-
 * critical voltage alarms {@code inN_lcrit_alarm} (0/1) as boolean sensors, e.g. the Pi's
 * under-voltage flag {@code hwmon_soc_firmware_raspberrypi_hwmon_in0_lcrit_alarm} of the {@code
 * rpi_volt} chip, which has no {@code in0_input} at all.
 */
final class HwmonExtras {
  private static final System.Logger LOG = System.getLogger(HwmonExtras.class.getName());

  /** The chip the Raspberry Pi firmware driver registers for its under-voltage flag. */
  static final String RPI_VOLT = "rpi_volt";

  private HwmonExtras() {}

  static void add(List<Discovered> found, HwmonChips.Chip chip) {
    for (Directories.Numbered pwm : files(chip.dir(), "pwm", "")) {
      String sensor = "pwm" + pwm.number();
      found.add(
          new Discovered(
              new Sensor(
                  "hwmon_" + chip.chipId() + "_" + sensor,
                  SensorKind.PWM,
                  Unit.NONE,
                  base(chip, sensor) + " duty",
                  new Source.Hwmon(chip.chip(), chip.chipName(), sensor, pwm.path())),
              new ScaledFileProbe(AttributeFile.sysfs(pwm.path()), 1)));
    }
    for (Directories.Numbered alarm : files(chip.dir(), "in", "_lcrit_alarm")) {
      String sensor = "in" + alarm.number();
      String label =
          RPI_VOLT.equals(chip.chipName())
              ? "under-voltage"
              : base(chip, sensor) + " low-critical alarm";
      found.add(
          new Discovered(
              new Sensor(
                  "hwmon_" + chip.chipId() + "_" + sensor + "_lcrit_alarm",
                  SensorKind.BOOLEAN,
                  Unit.NONE,
                  label,
                  new Source.Hwmon(chip.chip(), chip.chipName(), sensor, alarm.path())),
              new ScaledFileProbe(AttributeFile.sysfs(alarm.path()), 1)));
    }
  }

  /** The input's {@code *_label}, else {@code "<chip name> <sensor>"}. */
  private static String base(HwmonChips.Chip chip, String sensor) {
    String label = TextAttribute.read(chip.dir().resolve(sensor + "_label"));
    if (label != null) {
      return label;
    }
    return (chip.chipName().isEmpty() ? chip.chip() : chip.chipName()) + " " + sensor;
  }

  /**
   * The files {@code <prefix><N><suffix>} of the chip directory and of its {@code device} directory
   * (node_exporter looks in both), by number, each number once.
   */
  static List<Directories.Numbered> files(Path chipDir, String prefix, String suffix) {
    List<Directories.Numbered> found = new ArrayList<>(list(chipDir, prefix, suffix));
    Path deviceDir = chipDir.resolve("device");
    if (Files.isDirectory(deviceDir)) {
      found.addAll(list(deviceDir, prefix, suffix));
    }
    found.sort(Comparator.comparingInt(Directories.Numbered::number));
    Set<Integer> seen = new HashSet<>();
    found.removeIf(entry -> !seen.add(entry.number()));
    return found;
  }

  private static List<Directories.Numbered> list(Path dir, String prefix, String suffix) {
    List<Directories.Numbered> found = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, prefix + "*" + suffix)) {
      for (Path entry : entries) {
        String fileName = entry.getFileName().toString();
        String middle = fileName.substring(0, fileName.length() - suffix.length());
        int number = Directories.number(middle, prefix.length());
        if (number >= 0) {
          found.add(new Directories.Numbered(entry, number));
        }
      }
    } catch (IOException e) {
      LOG.log(Level.WARNING, "cannot list " + dir + ": " + e, e);
    }
    return found;
  }
}
