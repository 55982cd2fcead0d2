package dev.pollux.device.internal;

import dev.pollux.device.Sensor;
import dev.pollux.device.SensorKind;
import dev.pollux.device.Source;
import dev.pollux.device.Unit;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the thermal zones under {@code <sysfs>/class/thermal}: each {@code thermal_zoneN} with a
 * {@code temp} file (millidegrees Celsius) becomes the sensor {@code thermal_zoneN}, labelled with
 * its {@code type}.
 */
final class ThermalZones {
  private static final double CELSIUS_PER_MILLI = 0.001;

  private ThermalZones() {}

  static List<Discovered> discover(Path sysfsRoot) {
    List<Discovered> found = new ArrayList<>();
    Path classDir = sysfsRoot.resolve("class").resolve("thermal");
    for (Directories.Numbered zone : Directories.numbered(classDir, "thermal_zone")) {
      Path temp = zone.path().resolve("temp");
      // A directory in the file's place still counts: reading it gives an error reading, which
      // says more than a zone silently missing.
      if (!Files.exists(temp, LinkOption.NOFOLLOW_LINKS) && !Files.exists(temp)) {
        continue;
      }
      String type = TextAttribute.read(zone.path().resolve("type"));
      String id = "thermal_zone" + zone.number();
      Sensor sensor =
          new Sensor(
              id,
              SensorKind.TEMPERATURE,
              Unit.CELSIUS,
              type == null ? id : type,
              new Source.ThermalZone(zone.number(), type == null ? "" : type, temp));
      found.add(
          new Discovered(
              sensor, new ScaledFileProbe(AttributeFile.sysfs(temp), CELSIUS_PER_MILLI)));
    }
    return found;
  }
}
