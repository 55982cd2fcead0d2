package dev.pollux.device.internal;

import dev.pollux.device.Primary;
import java.util.List;

/** What one discovery found: the sensors with their probes, in order, and the primary choice. */
public record Inventory(List<Discovered> sensors, Primary primary) {
  public Inventory {
    sensors = List.copyOf(sensors);
  }
}
