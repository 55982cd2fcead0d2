package dev.pollux.server.metrics;

import dev.pollux.loop.LoopStats;
import dev.pollux.loop.ServerStats;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The server's counter sources registered with {@link Metrics}, and the series made from them at
 * each scrape: connections and bytes per protocol, event-loop figures, HTTP requests per status
 * class, dropped watch samples and the MQTT bridge.
 *
 * <p>Registration happens on any thread while scrapes run on others: the suppliers sit in volatile
 * fields and a concurrent map, and are called only during a scrape.
 */
final class Sources {
  private static final System.Logger LOG = System.getLogger(Sources.class.getName());

  /** The status classes of {@code pollux_http_requests_total{code}}, index 0 being 1xx. */
  static final int STATUS_CLASSES = 5;

  private final Map<String, Supplier<ServerStats>> servers = new ConcurrentSkipListMap<>();
  private volatile Supplier<LoopStats> loops;
  private volatile Supplier<long[]> httpRequests;
  private volatile LongSupplier watchSamplesDropped;
  private volatile Supplier<MqttFigures> mqtt;
  private volatile Supplier<AuthFigures> auth;

  void server(String protocol, Supplier<ServerStats> stats) {
    servers.put(protocol, stats);
  }

  void loops(Supplier<LoopStats> stats) {
    this.loops = stats;
  }

  void httpRequests(Supplier<long[]> countsByClass) {
    this.httpRequests = countsByClass;
  }

  void watchSamplesDropped(LongSupplier dropped) {
    this.watchSamplesDropped = dropped;
  }

  void mqtt(Supplier<MqttFigures> figures) {
    this.mqtt = figures;
  }

  void auth(Supplier<AuthFigures> figures) {
    this.auth = figures;
  }

  void collect(List<MetricSnapshot> out) {
    collectServers(out);
    Supplier<LoopStats> loopSource = loops;
    if (loopSource != null) {
      LoopStats stats = call("event loops", loopSource);
      if (stats != null) {
        collectLoops(stats, out);
      }
    }
    collectHttpRequests(out);
    LongSupplier dropped = watchSamplesDropped;
    if (dropped != null) {
      Long count = call("tcp watch", dropped::getAsLong);
      if (count != null) {
        Family.counter(
                "pollux_tcp_watch_samples_dropped",
                "Samples of TCP 'watch' not sent because the client could not keep up.")
            .add(count)
            .addTo(out);
      }
    }
    Supplier<MqttFigures> mqttSource = mqtt;
    if (mqttSource != null) {
      MqttFigures figures = call("mqtt", mqttSource);
      if (figures != null) {
        collectMqtt(figures, out);
      }
    }
    Supplier<AuthFigures> authSource = auth;
    if (authSource != null) {
      AuthFigures figures = call("auth", authSource);
      if (figures != null) {
        collectAuth(figures, out);
      }
    }
  }

  private static void collectAuth(AuthFigures figures, List<MetricSnapshot> out) {
    Family failures =
        Family.counter("pollux_auth_failures", "Wrong tokens received, by protocol.", "protocol");
    new TreeMap<>(figures.failures()).forEach((p, n) -> failures.add(n, p));
    failures.addTo(out);
    Family throttled =
        Family.counter(
            "pollux_auth_throttled",
            "Authentication attempts refused because their address failed too often.",
            "protocol");
    new TreeMap<>(figures.throttled()).forEach((p, n) -> throttled.add(n, p));
    throttled.addTo(out);
  }

  private void collectServers(List<MetricSnapshot> out) {
    Family open = Family.gauge("pollux_connections_open", "Connections open now.", "protocol");
    Family accepted =
        Family.counter(
            "pollux_connections_accepted", "Connections accepted since start.", "protocol");
    Family refused =
        Family.counter(
            "pollux_connections_refused",
            "Connections refused since start because the limit was reached.",
            "protocol");
    Family read = Family.counter("pollux_bytes_read", "Bytes read from clients.", "protocol");
    Family written =
        Family.counter("pollux_bytes_written", "Bytes written to clients.", "protocol");
    for (Map.Entry<String, Supplier<ServerStats>> server : servers.entrySet()) {
      String protocol = server.getKey();
      ServerStats stats = call(protocol + " server", server.getValue());
      if (stats == null) {
        continue;
      }
      open.add(stats.openConnections(), protocol);
      accepted.add(stats.accepted(), protocol);
      refused.add(stats.refused(), protocol);
      read.add(stats.bytesRead(), protocol);
      written.add(stats.bytesWritten(), protocol);
    }
    for (Family family : List.of(open, accepted, refused, read, written)) {
      family.addTo(out);
    }
  }

  private static void collectLoops(LoopStats stats, List<MetricSnapshot> out) {
    Family.counter("pollux_event_loop_iterations", "Iterations of all event loops.")
        .add(stats.iterations())
        .addTo(out);
    Family.counter("pollux_event_loop_tasks", "Tasks run by all event loops.")
        .add(stats.tasksRun())
        .addTo(out);
    Family.counter(
            "pollux_event_loop_busy_seconds",
            "Time all event loops spent working rather than waiting for readiness.")
        .add(stats.busyNanos() / 1e9)
        .addTo(out);
    Family.counter("pollux_event_loop_timers_fired", "Timers fired by all event loops.")
        .add(stats.timersFired())
        .addTo(out);
  }

  private void collectHttpRequests(List<MetricSnapshot> out) {
    Supplier<long[]> source = httpRequests;
    if (source == null) {
      return;
    }
    long[] counts = call("http requests", source);
    if (counts == null) {
      return;
    }
    if (counts.length != STATUS_CLASSES) {
      LOG.log(
          Level.WARNING,
          "metrics: http request counts need " + STATUS_CLASSES + " classes, got " + counts.length);
      return;
    }
    Family requests =
        Family.counter("pollux_http_requests", "HTTP requests answered, by status class.", "code");
    for (int i = 0; i < STATUS_CLASSES; i++) {
      requests.add(counts[i], (i + 1) + "xx");
    }
    requests.addTo(out);
  }

  private static void collectMqtt(MqttFigures figures, List<MetricSnapshot> out) {
    Family.gauge("pollux_mqtt_connected", "1 while the MQTT bridge is connected to the broker.")
        .add(figures.connected() ? 1 : 0)
        .addTo(out);
    Family.counter("pollux_mqtt_publishes", "MQTT messages published.")
        .add(figures.publishes())
        .addTo(out);
    Family.counter("pollux_mqtt_publish_failures", "MQTT publishes that failed.")
        .add(figures.publishFailures())
        .addTo(out);
    Family.counter("pollux_mqtt_reconnects", "Reconnections to the MQTT broker.")
        .add(figures.reconnects())
        .addTo(out);
    Family.counter(
            "pollux_mqtt_commands_rejected",
            "MQTT actuator commands received and not applied (malformed, unknown, out of range).")
        .add(figures.commandsRejected())
        .addTo(out);
  }

  /**
   * Calls a source; one that throws loses its own series for this scrape, not the whole page (the
   * exception is logged, since it is a bug in that source).
   */
  private static <T> T call(String what, Supplier<T> source) {
    try {
      return source.get();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "metrics: the " + what + " source failed: " + e, e);
      return null;
    }
  }
}
