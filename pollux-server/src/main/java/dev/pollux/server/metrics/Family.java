package dev.pollux.server.metrics;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One metric family being filled for a scrape, e.g. the gauge {@code node_load1} or the counter
 * {@code pollux_bytes_read_total{protocol}}: its name, help, label names and the values added so
 * far, turned into a snapshot of the Prometheus library by {@link #snapshot()}.
 *
 * <p>A counter is named without {@code _total} here ({@code pollux_bytes_read}): the library adds
 * the suffix when it writes, and refuses a name that already has it.
 */
final class Family {
  private final String name;
  private final String help;
  private final boolean counter;
  private final String[] labelNames;
  private final List<Point> points = new ArrayList<>();
  private final Set<Labels> seen = new HashSet<>();

  private record Point(Labels labels, double value) {}

  private Family(String name, String help, boolean counter, String... labelNames) {
    this.name = name;
    this.help = help;
    this.counter = counter;
    this.labelNames = labelNames.clone();
  }

  static Family gauge(String name, String help, String... labelNames) {
    return new Family(name, help, false, labelNames);
  }

  static Family counter(String name, String help, String... labelNames) {
    return new Family(name, help, true, labelNames);
  }

  /**
   * Adds a series; one whose labels were already added is dropped, since a family cannot hold the
   * same label set twice (two hwmon chips may share a node_exporter chip label; node_exporter then
   * fails its scrape, we keep the first).
   */
  Family add(double value, String... labelValues) {
    if (labelValues.length != labelNames.length) {
      throw new IllegalArgumentException(
          name + ": " + labelNames.length + " label names but " + labelValues.length + " values");
    }
    return add(value, Labels.of(labelNames, labelValues));
  }

  /**
   * Adds a series of a simulated sensor: its labels plus {@code simulated="true"}, so that a
   * made-up value can always be told from a measured one (real sensors' series keep their label
   * set).
   */
  Family addSimulated(double value, String... labelValues) {
    if (labelValues.length != labelNames.length) {
      throw new IllegalArgumentException(
          name + ": " + labelNames.length + " label names but " + labelValues.length + " values");
    }
    return add(value, Labels.of(labelNames, labelValues).add("simulated", "true"));
  }

  private Family add(double value, Labels set) {
    if (seen.add(set)) {
      points.add(new Point(set, value));
    }
    return this;
  }

  /** Adds a count; the text format carries doubles, exact up to 2^53, far beyond any count here. */
  Family add(long count, String... labelValues) {
    return add((double) count, labelValues);
  }

  boolean isEmpty() {
    return points.isEmpty();
  }

  /** Adds this family's snapshot to {@code out} unless it has no series (then it is not shown). */
  void addTo(List<MetricSnapshot> out) {
    if (!isEmpty()) {
      out.add(snapshot());
    }
  }

  MetricSnapshot snapshot() {
    MetricMetadata metadata = new MetricMetadata(name, help);
    if (counter) {
      List<CounterDataPointSnapshot> data = new ArrayList<>(points.size());
      for (Point point : points) {
        // createdTimestampMillis 0: unknown, so no _created series is written.
        data.add(new CounterDataPointSnapshot(point.value(), point.labels(), null, 0L));
      }
      return new CounterSnapshot(metadata, data);
    }
    List<GaugeDataPointSnapshot> data = new ArrayList<>(points.size());
    for (Point point : points) {
      data.add(new GaugeDataPointSnapshot(point.value(), point.labels(), null));
    }
    return new GaugeSnapshot(metadata, data);
  }
}
