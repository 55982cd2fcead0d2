package dev.pollux.device.internal;

import dev.pollux.device.Primary;
import dev.pollux.device.Sensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The sensors being sampled, as slots in a fixed order with an index by id; replaced as a whole
 * when a rescan finds a different set, keeping the slots (state, counters, history) of sensors that
 * are still there.
 */
final class SensorSet {
  final SensorSlot[] slots;
  final Map<String, Integer> indexById;
  final List<Sensor> sensors;
  final Primary primary;

  private SensorSet(SensorSlot[] slots, Primary primary) {
    this.slots = slots;
    this.primary = primary;
    Map<String, Integer> index = new HashMap<>();
    List<Sensor> list = new ArrayList<>(slots.length);
    for (int i = 0; i < slots.length; i++) {
      index.put(slots[i].sensor.id(), i);
      list.add(slots[i].sensor);
    }
    this.indexById = Map.copyOf(index);
    this.sensors = List.copyOf(list);
  }

  static SensorSet of(Inventory inventory, SensorSet previous, int historyPoints) {
    List<Discovered> found = inventory.sensors();
    SensorSlot[] slots = new SensorSlot[found.size()];
    for (int i = 0; i < slots.length; i++) {
      Discovered d = found.get(i);
      SensorSlot old = previous == null ? null : previous.slot(d.sensor().id());
      slots[i] =
          old != null && old.sensor.equals(d.sensor())
              ? old
              : new SensorSlot(d.sensor(), d.probe(), historyPoints);
    }
    return new SensorSet(slots, inventory.primary());
  }

  SensorSlot slot(String id) {
    Integer index = indexById.get(id);
    return index == null ? null : slots[index];
  }

  /** True when {@code inventory} has the same sensors, in the same order, and primary. */
  boolean sameAs(Inventory inventory) {
    List<Discovered> found = inventory.sensors();
    if (found.size() != slots.length || !inventory.primary().equals(primary)) {
      return false;
    }
    for (int i = 0; i < slots.length; i++) {
      if (!found.get(i).sensor().equals(slots[i].sensor)) {
        return false;
      }
    }
    return true;
  }
}
