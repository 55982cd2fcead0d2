package dev.pollux.device;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The latest reading of every sensor, taken in one sampling pass. Immutable: the sampler publishes
 * each new one through a volatile reference, so any thread (an event loop included) reads it
 * without locks or I/O.
 */
public final class Snapshot {
  private final long sequence;
  private final long takenAtMillis;
  private final List<Reading> readings;
  private final Map<String, Integer> indexById;
  private final Primary primary;

  /**
   * Made by the sampler. {@code indexById} maps each id to its position in {@code readings}; it is
   * shared between snapshots of the same sensor set, which is why it is passed in.
   */
  public Snapshot(
      long sequence,
      long takenAtMillis,
      List<Reading> readings,
      Map<String, Integer> indexById,
      Primary primary) {
    this.sequence = sequence;
    this.takenAtMillis = takenAtMillis;
    this.readings = List.copyOf(readings);
    this.indexById = Objects.requireNonNull(indexById, "indexById");
    this.primary = Objects.requireNonNull(primary, "primary");
  }

  /** Counts passes from 1; 0 for the empty snapshot before the first pass. */
  public long sequence() {
    return sequence;
  }

  /** When the pass ended, epoch milliseconds. */
  public long takenAtMillis() {
    return takenAtMillis;
  }

  /** All readings, in a stable order (thermal zones, hwmon, system, simulated). */
  public List<Reading> readings() {
    return readings;
  }

  /** The reading of {@code id}, or null when there is no such sensor. */
  public Reading reading(String id) {
    Integer index = indexById.get(id);
    return index == null ? null : readings.get(index);
  }

  /** Which sensor is the primary temperature, and why. */
  public Primary primary() {
    return primary;
  }

  /**
   * The reading of the primary temperature sensor (there is one, if only the simulated fallback),
   * or null when there is none ({@link Primary#NONE}) or before the first sampling pass.
   */
  public Reading primaryTemperature() {
    return primary.present() ? reading(primary.sensorId()) : null;
  }
}
