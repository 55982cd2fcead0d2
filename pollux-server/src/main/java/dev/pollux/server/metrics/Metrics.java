package dev.pollux.server.metrics;

import dev.pollux.device.Device;
import dev.pollux.device.Snapshot;
import dev.pollux.loop.LoopStats;
import dev.pollux.loop.ServerStats;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot.InfoDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.IOException;
import java.io.OutputStream;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The Prometheus page of {@code GET /metrics}: the device's sensors, the server's counters and the
 * JVM's figures, written in the text format 0.0.4 or, when the scraper asks for it, OpenMetrics
 * 1.0.
 *
 * <p>Design: one instance per process, made with the {@link Device}; the server registers its
 * counter sources as it starts its parts, and each scrape calls them and reads the device's latest
 * snapshot, so nothing is updated between scrapes and nothing is kept per request. The JVM and
 * process collectors of the Prometheus library live in a registry of this instance, never the
 * library's global one. {@link #writeTo} reads {@code /proc} and calls {@code statfs(2)} (with a
 * deadline per mount): call it on a virtual thread, never on an event loop.
 *
 * <pre>{@code
 * Metrics metrics = new Metrics(device, "kitchen-pi", Version.current(), "epoll");
 * metrics.registerServer("tcp", tcpServer::stats);
 * metrics.registerServer("http", httpServer::stats);
 * metrics.registerLoops(group::stats);
 * metrics.registerHttpRequests(() -> new long[] {c1xx, c2xx, c3xx, c4xx, c5xx});
 * metrics.registerWatchSamplesDropped(watches::dropped);
 * metrics.registerMqtt(() -> new MqttFigures(bridge.connected(), ...));
 * // in the /metrics handler, on a virtual thread:
 * response.contentType(Metrics.CONTENT_TYPE);
 * metrics.writeTo(body);
 * }</pre>
 *
 * <p>The series (names and labels are a contract; see design.md, "Metrics"):
 *
 * <ul>
 *   <li>{@code pollux_sensor_value{sensor,kind,unit}} for fresh readings only; {@code
 *       pollux_sensor_read_errors_total{sensor}}; {@code pollux_sensor_status{sensor,status}} (1 on
 *       the current one of ok, error, stale); {@code pollux_primary_temperature_celsius}.
 *   <li>Per registered protocol: {@code pollux_connections_open{protocol}}, {@code
 *       pollux_connections_accepted_total}, {@code pollux_connections_refused_total}, {@code
 *       pollux_bytes_read_total}, {@code pollux_bytes_written_total}.
 *   <li>{@code pollux_event_loop_iterations_total}, {@code _tasks_total}, {@code
 *       _busy_seconds_total}, {@code _timers_fired_total}; {@code pollux_http_requests_total{code}}
 *       with code {@code 1xx}..{@code 5xx}; {@code pollux_tcp_watch_samples_dropped_total}; {@code
 *       pollux_mqtt_connected}, {@code pollux_mqtt_publishes_total}, {@code
 *       pollux_mqtt_publish_failures_total}, {@code pollux_mqtt_reconnects_total}, {@code
 *       pollux_mqtt_commands_rejected_total}; {@code pollux_auth_failures_total{protocol}}, {@code
 *       pollux_auth_throttled_total{protocol}}. A family whose source is not registered is absent.
 *   <li>{@code pollux_build_info{version,io}} and {@code pollux_device_info{device}}, both 1.
 *   <li>Unless {@code nodeNames} is off ({@code --metrics-node-names=false}), node_exporter 1.5's
 *       names, labels and values for the same hardware and host: {@link NodeFamilies} (thermal
 *       zones, hwmon inputs, load) from the device's snapshot, and {@link HostFamilies} ({@code
 *       node_uname_info}, {@code node_time_seconds}, {@code node_boot_time_seconds}, {@code
 *       node_cpu_seconds_total}, every {@code node_memory_*}, {@code node_filesystem_*}, {@code
 *       node_network_*}, {@code node_disk_*}, {@code node_pressure_*}, the hwmon chip names, alarms
 *       and PWM, {@code node_cpu_scaling_frequency_hertz}) read at scrape time.
 *   <li>The Prometheus library's JVM and process collectors ({@code jvm_*}, {@code process_*}).
 * </ul>
 *
 * <p>Thread safety: every method may be called from any thread, also while a scrape runs.
 * Registering a source again replaces it. A source that throws loses its series for that scrape
 * (and is logged); the rest of the page is written.
 */
public final class Metrics {
  /** The {@code Content-Type} of {@link #writeTo}'s output in the text format 0.0.4. */
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  /** The {@code Content-Type} of {@link #writeTo}'s output in OpenMetrics 1.0. */
  public static final String OPENMETRICS_CONTENT_TYPE = OpenMetricsTextFormatWriter.CONTENT_TYPE;

  private final Device device;
  private final String deviceId;
  private final String version;
  private final String ioModel;
  private final Sources sources = new Sources();
  private final PrometheusRegistry registry = new PrometheusRegistry();
  private boolean jvmCollectorsRegistered; // guarded by this
  private volatile Supplier<Map<String, Long>> gpioEventsDropped;
  private final boolean nodeNames;
  private final HostFamilies host;
  private final PrometheusTextFormatWriter text = PrometheusTextFormatWriter.create();
  private final OpenMetricsTextFormatWriter openMetrics = OpenMetricsTextFormatWriter.create();

  /**
   * Makes the metrics of {@code device}.
   *
   * @param deviceId the device id ({@code --device-id}), shown in {@code pollux_device_info}
   * @param version Pollux's version, e.g. {@code 0.1.0}
   * @param ioModel the I/O model in use, e.g. {@code epoll} (the resolved one, not {@code auto})
   */
  public Metrics(Device device, String deviceId, String version, String ioModel) {
    this(
        device,
        deviceId,
        version,
        ioModel,
        true,
        HostPaths.of(device.config().procfsRoot(), device.config().sysfsRoot()));
  }

  /**
   * Makes the metrics of {@code device}, with or without node_exporter's names.
   *
   * @param nodeNames whether the {@code node_*} series are written ({@code --metrics-node-names})
   * @param paths where the host's figures are read for the {@code node_*} series
   */
  public Metrics(
      Device device,
      String deviceId,
      String version,
      String ioModel,
      boolean nodeNames,
      HostPaths paths) {
    this.nodeNames = nodeNames;
    this.host =
        new HostFamilies(
            Objects.requireNonNull(paths, "paths"),
            InstantSource.system(),
            HostFamilies.STATFS_DEADLINE);
    this.device = Objects.requireNonNull(device, "device");
    this.deviceId = Objects.requireNonNull(deviceId, "deviceId");
    this.version = Objects.requireNonNull(version, "version");
    this.ioModel = Objects.requireNonNull(ioModel, "ioModel");
    registry.register(this::collect);
  }

  /**
   * Registers the counters of the server of {@code protocol} ({@code tcp}, {@code http}): the
   * series {@code pollux_connections_*{protocol}} and {@code pollux_bytes_*{protocol}}.
   *
   * @throws IllegalArgumentException when {@code protocol} is not {@code [a-z0-9_]+}
   */
  public void registerServer(String protocol, Supplier<ServerStats> stats) {
    Objects.requireNonNull(stats, "stats");
    if (!isToken(protocol)) {
      throw new IllegalArgumentException("protocol is not [a-z0-9_]+: " + protocol);
    }
    sources.server(protocol, stats);
  }

  /** Registers the event-loop figures, summed over the loops of the group. */
  public void registerLoops(Supplier<LoopStats> stats) {
    sources.loops(Objects.requireNonNull(stats, "stats"));
  }

  /**
   * Registers the HTTP requests answered since start per status class: the supplier returns five
   * counts, for {@code 1xx}, {@code 2xx}, {@code 3xx}, {@code 4xx} and {@code 5xx} in that order
   * (an array of another length is logged and shown as nothing).
   */
  public void registerHttpRequests(Supplier<long[]> countsByClass) {
    sources.httpRequests(Objects.requireNonNull(countsByClass, "countsByClass"));
  }

  /** Registers the count of TCP {@code watch} samples dropped for slow clients since start. */
  public void registerWatchSamplesDropped(LongSupplier dropped) {
    sources.watchSamplesDropped(Objects.requireNonNull(dropped, "dropped"));
  }

  /**
   * Registers the GPIO inputs' counts of edge events the kernel dropped (its buffer full), by the
   * line's configured name: {@code pollux_gpio_events_dropped_total{line}}.
   */
  public void registerGpioEventsDropped(Supplier<Map<String, Long>> droppedByLine) {
    gpioEventsDropped = Objects.requireNonNull(droppedByLine, "droppedByLine");
  }

  /** Registers the MQTT bridge's figures. */
  public void registerMqtt(Supplier<MqttFigures> figures) {
    sources.mqtt(Objects.requireNonNull(figures, "figures"));
  }

  /** Registers the wrong tokens and the throttled attempts per protocol. */
  public void registerAuth(Supplier<AuthFigures> figures) {
    sources.auth(Objects.requireNonNull(figures, "figures"));
  }

  /**
   * Writes the whole page in the text format 0.0.4 ({@link #CONTENT_TYPE}) to {@code out}, which is
   * flushed, not closed. Blocking: reads {@code /proc} and calls {@code statfs(2)}; call it on a
   * virtual thread.
   */
  public void writeTo(OutputStream out) throws IOException {
    writeTo(out, false);
  }

  /**
   * Writes the whole page to {@code out}, in OpenMetrics 1.0 ({@link #OPENMETRICS_CONTENT_TYPE}) or
   * in the text format 0.0.4 ({@link #CONTENT_TYPE}); blocking like {@link #writeTo(OutputStream)}.
   */
  public void writeTo(OutputStream out, boolean inOpenMetrics) throws IOException {
    registerJvmCollectorsOnce();
    ExpositionFormatWriter writer = inOpenMetrics ? openMetrics : text;
    writer.write(out, registry.scrape());
    out.flush();
  }

  /**
   * The library's JVM collectors load JMX and parts of JFR: on a small board about a third of the
   * start-up time and a few megabytes. Registered at the first scrape instead, which pays it once
   * and only where something scrapes.
   */
  private synchronized void registerJvmCollectorsOnce() {
    if (!jvmCollectorsRegistered) {
      JvmMetrics.builder().register(registry);
      jvmCollectorsRegistered = true;
    }
  }

  /**
   * Whether a scraper's {@code Accept} header asks for OpenMetrics: Prometheus sends {@code
   * application/openmetrics-text;version=1.0.0,...;q=0.5,text/plain;version=0.0.4;q=0.4,...}, and
   * wants OpenMetrics whenever it lists it (its own preference order puts it first).
   */
  public static boolean wantsOpenMetrics(String accept) {
    return accept != null && accept.contains("application/openmetrics-text");
  }

  private MetricSnapshots collect() {
    List<MetricSnapshot> out = new ArrayList<>();
    Snapshot snapshot = device.snapshot(); // one snapshot, so both views agree
    SensorFamilies.collect(snapshot, out);
    if (nodeNames) {
      NodeFamilies.collect(snapshot, out);
      host.collect(out);
    }
    sources.collect(out);
    collectGpio(out);
    out.add(
        info("pollux_build", "Pollux's version and I/O model.", "version", version, "io", ioModel));
    out.add(info("pollux_device", "The device id of this instance.", "device", deviceId));
    return new MetricSnapshots(out);
  }

  private void collectGpio(List<MetricSnapshot> out) {
    Supplier<Map<String, Long>> source = gpioEventsDropped;
    if (source == null) {
      return;
    }
    Family dropped =
        Family.counter(
            "pollux_gpio_events_dropped",
            "GPIO edge events the kernel dropped because its buffer was full.",
            "line");
    source.get().forEach((line, count) -> dropped.add((long) count, line));
    dropped.addTo(out);
  }

  private static MetricSnapshot info(String name, String help, String... labels) {
    return new InfoSnapshot(
        new MetricMetadata(name, help), List.of(new InfoDataPointSnapshot(Labels.of(labels))));
  }

  private static boolean isToken(String text) {
    if (text == null || text.isEmpty()) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
        return false;
      }
    }
    return true;
  }
}
