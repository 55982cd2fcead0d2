package dev.pollux.device.internal;

import dev.pollux.device.DeviceConfig;
import dev.pollux.device.Sensor;
import dev.pollux.device.SensorKind;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs every provider over the configured roots, applies the include/exclude globs, adds the
 * simulated sensors when asked or (unless turned off) when no temperature sensor is left, and
 * chooses the primary.
 *
 * <p>Discovery does file-system calls (directory listings, {@code type}, {@code name} and label
 * files): it runs at start and on the sampler's periodic rescan, never on an event loop.
 */
public final class Discovery {
  private Discovery() {}

  public static Inventory discover(DeviceConfig config) {
    List<Discovered> all = new ArrayList<>();
    all.addAll(ThermalZones.discover(config.sysfsRoot()));
    all.addAll(HwmonChips.discover(config.sysfsRoot()));
    all.addAll(RpiThrottling.discover(config.sysfsRoot()));
    all.addAll(CpuFrequencies.discover(config.sysfsRoot()));
    all.addAll(SystemFiles.discover(config.procfsRoot()));
    if (config.simulate()) {
      all.addAll(Simulation.sensors(config.seed()));
    }
    List<Discovered> kept = new ArrayList<>();
    for (Discovered d : all) {
      if (Names.accepted(d.sensor().id(), config.include(), config.exclude())) {
        kept.add(d);
      }
    }
    if (config.simulatedFallback()
        && kept.stream().noneMatch(d -> d.sensor().kind() == SensorKind.TEMPERATURE)) {
      // The server has a temperature to serve: in a container or CI the simulated one, whatever
      // the filters say, unless the fallback was turned off.
      kept.addAll(Simulation.sensors(config.seed()));
    }
    List<Sensor> sensors = new ArrayList<>(kept.size());
    for (Discovered d : kept) {
      sensors.add(d.sensor());
    }
    return new Inventory(kept, PrimaryChoice.choose(sensors));
  }
}
