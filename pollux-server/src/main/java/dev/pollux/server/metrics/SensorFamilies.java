package dev.pollux.server.metrics;

import dev.pollux.device.Reading;
import dev.pollux.device.Snapshot;
import dev.pollux.device.Unit;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.List;

/**
 * Pollux's own sensor series, made from one {@link Snapshot}: {@code
 * pollux_sensor_value{sensor="thermal_zone0",kind="temperature",unit="celsius"} 48.312} for every
 * fresh reading, the error counter and the status of every sensor, and the primary temperature. A
 * simulated sensor's value series carry {@code simulated="true"} as well.
 */
final class SensorFamilies {
  private SensorFamilies() {}

  static void collect(Snapshot snapshot, List<MetricSnapshot> out) {
    Family value =
        Family.gauge(
            "pollux_sensor_value",
            "Latest fresh value of a sensor, in its unit; absent while the sensor is in error or"
                + " stale.",
            "sensor",
            "kind",
            "unit");
    Family errors =
        Family.counter(
            "pollux_sensor_read_errors", "Failed reads of a sensor since start.", "sensor");
    Family status =
        Family.gauge(
            "pollux_sensor_status",
            "1 for the sensor's current status (ok, error or stale), 0 for the others.",
            "sensor",
            "status");
    for (Reading reading : snapshot.readings()) {
      String id = reading.id();
      if (reading.ok() && reading.hasValue()) {
        String kind = reading.sensor().kind().wireName();
        String unit = reading.sensor().unit().wireName();
        if (reading.simulated()) {
          value.addSimulated(reading.value(), id, kind, unit);
        } else {
          value.add(reading.value(), id, kind, unit);
        }
      }
      errors.add(reading.errorCount(), id);
      // All three states, so that a status change is a value change and not a vanished series.
      for (Reading.Status each : Reading.Status.values()) {
        status.add(each == reading.status() ? 1 : 0, id, each.wireName());
      }
    }
    value.addTo(out);
    errors.addTo(out);
    status.addTo(out);
    primary(snapshot, out);
  }

  private static void primary(Snapshot snapshot, List<MetricSnapshot> out) {
    Family primary =
        Family.gauge(
            "pollux_primary_temperature_celsius",
            "The primary temperature (the one TCP 'temp' and GET /temp answer), when fresh.");
    Reading reading = snapshot.primaryTemperature(); // null before the first sampling pass
    if (reading != null
        && reading.ok()
        && reading.hasValue()
        && reading.sensor().unit() == Unit.CELSIUS) {
      if (reading.simulated()) {
        primary.addSimulated(reading.value());
      } else {
        primary.add(reading.value());
      }
    }
    primary.addTo(out);
  }
}
