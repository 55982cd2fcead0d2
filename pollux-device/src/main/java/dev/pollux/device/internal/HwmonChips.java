package dev.pollux.device.internal;

import dev.pollux.device.CleanName;
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
 * Finds the inputs of the hwmon chips under {@code <sysfs>/class/hwmon}: {@code temp*_input} (m°C),
 * {@code fan*_input} (RPM), {@code in*_input} (mV), {@code curr*_input} (mA) and {@code
 * power*_input} (µW), in the chip's directory and in its {@code device} directory, as
 * node_exporter's hwmon collector looks in both. The sensor {@code temp1} of the chip {@code
 * platform_coretemp_0} gets the id {@code hwmon_platform_coretemp_0_temp1}.
 */
final class HwmonChips {
  private static final System.Logger LOG = System.getLogger(HwmonChips.class.getName());

  /** The input types read, with their kind, unit and the factor from the kernel unit. */
  private enum InputType {
    TEMP("temp", SensorKind.TEMPERATURE, Unit.CELSIUS, 0.001),
    FAN("fan", SensorKind.FAN, Unit.RPM, 1),
    IN("in", SensorKind.VOLTAGE, Unit.VOLTS, 0.001),
    CURR("curr", SensorKind.CURRENT, Unit.AMPERES, 0.001),
    POWER("power", SensorKind.POWER, Unit.WATTS, 0.000_001);

    final String prefix;
    final SensorKind kind;
    final Unit unit;
    final double scale;

    InputType(String prefix, SensorKind kind, Unit unit, double scale) {
      this.prefix = prefix;
      this.kind = kind;
      this.unit = unit;
      this.scale = scale;
    }
  }

  private HwmonChips() {}

  /**
   * One chip: its directory, node_exporter chip label ({@code platform_coretemp_0}), cleaned {@code
   * name} file (empty without one) and the id part made from the label.
   */
  record Chip(Path dir, String chip, String chipName, String chipId) {}

  /** The chips under {@code <sysfs>/class/hwmon}, by {@code hwmonN} number. */
  static List<Chip> chips(Path sysfsRoot) {
    List<Chip> chips = new ArrayList<>();
    Set<String> chipIds = new HashSet<>();
    Path classDir = sysfsRoot.resolve("class").resolve("hwmon");
    for (Directories.Numbered hwmon : Directories.numbered(classDir, "hwmon")) {
      if (!Files.isDirectory(hwmon.path())) {
        continue;
      }
      String chip = HwmonChipName.of(hwmon.path());
      String name = TextAttribute.read(hwmon.path().resolve("name"));
      String chipName = name == null ? "" : CleanName.of(name);
      String chipId = Names.idPart(chip);
      if (!chipIds.add(chipId)) {
        chipId = chipId + "_hwmon" + hwmon.number(); // only when names fell back to the name file
      }
      chips.add(new Chip(hwmon.path(), chip, chipName, chipId));
    }
    return chips;
  }

  static List<Discovered> discover(Path sysfsRoot) {
    List<Discovered> found = new ArrayList<>();
    for (Chip chip : chips(sysfsRoot)) {
      addInputs(found, chip.dir(), chip.chip(), chip.chipName(), chip.chipId());
      HwmonExtras.add(found, chip);
    }
    return found;
  }

  private static void addInputs(
      List<Discovered> found, Path hwmonDir, String chip, String chipName, String chipId) {
    Set<String> seen = new HashSet<>();
    for (InputType type : InputType.values()) {
      List<Directories.Numbered> inputs = new ArrayList<>(inputs(hwmonDir, type));
      Path deviceDir = hwmonDir.resolve("device");
      if (Files.isDirectory(deviceDir)) {
        inputs.addAll(inputs(deviceDir, type));
      }
      inputs.sort(Comparator.comparingInt(Directories.Numbered::number));
      for (Directories.Numbered input : inputs) {
        String sensorName = type.prefix + input.number();
        if (!seen.add(sensorName)) {
          continue;
        }
        Path dir = input.path().getParent();
        String label = TextAttribute.read(dir.resolve(sensorName + "_label"));
        Sensor sensor =
            new Sensor(
                "hwmon_" + chipId + "_" + sensorName,
                type.kind,
                type.unit,
                label == null ? (chipName.isEmpty() ? chip : chipName) + " " + sensorName : label,
                new Source.Hwmon(chip, chipName, sensorName, input.path()));
        Probe probe = new ScaledFileProbe(AttributeFile.sysfs(input.path()), type.scale);
        found.add(new Discovered(sensor, probe));
      }
    }
  }

  /** The {@code <type><N>_input} files of {@code dir}, as numbered entries. */
  private static List<Directories.Numbered> inputs(Path dir, InputType type) {
    List<Directories.Numbered> found = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, type.prefix + "*_input")) {
      for (Path entry : entries) {
        String fileName = entry.getFileName().toString();
        String middle = fileName.substring(0, fileName.length() - "_input".length());
        int number = Directories.number(middle, type.prefix.length());
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
