package dev.pollux.server;

import dev.pollux.device.Device;
import dev.pollux.device.Snapshot;
import dev.pollux.gpio.GpioChips;
import dev.pollux.http.HttpServerOptions;
import dev.pollux.loop.EventLoopGroup;
import dev.pollux.loop.FatalErrorPolicy;
import dev.pollux.loop.Transport;
import dev.pollux.server.api.HttpApi;
import dev.pollux.server.cli.LocalHost;
import dev.pollux.server.cli.MqttSettings;
import dev.pollux.server.cli.ServerConfig;
import dev.pollux.server.cli.TlsSettings;
import dev.pollux.server.cli.Version;
import dev.pollux.server.gpio.GpioService;
import dev.pollux.server.listen.HttpListener;
import dev.pollux.server.listen.ListenAddress;
import dev.pollux.server.listen.Protocol;
import dev.pollux.server.listen.TcpListener;
import dev.pollux.server.metrics.HostPaths;
import dev.pollux.server.metrics.Metrics;
import dev.pollux.server.mqtt.DashboardUrl;
import dev.pollux.server.mqtt.MqttBridge;
import dev.pollux.server.tcp.TcpProtocol;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The running device server: the sampler, the event loops, and a listener per protocol.
 *
 * <p>Design: one {@link Device} samples the hardware on its own thread and publishes immutable
 * snapshots; one {@link EventLoopGroup} runs every connection of every protocol; blocking work (LED
 * writes, {@code /metrics}' reads of {@code /proc}) goes to one virtual-thread executor and comes
 * back to the loops with {@code execute}. This class builds those shared pieces and starts the
 * components on them in order: the GPIO lines, the sampler, the HTTP, HTTPS and TCP listeners
 * ({@link HttpListener}, {@link TcpListener}), the MQTT bridge. {@link #close()} stops them in the
 * reverse order, lets in-flight responses finish within {@link #SHUTDOWN_GRACE}, and stops the
 * rest.
 */
public final class PolluxServer implements AutoCloseable {

  /** docs/design.md: in-flight responses get this long on shutdown. */
  public static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(5);

  private static final System.Logger LOG = System.getLogger(PolluxServer.class.getName());

  private final ServerConfig config;
  private final ServerInfo info;
  private final Device device;
  private final EventLoopGroup group;
  private final ExecutorService blocking;
  private final Metrics metrics;
  private final Auth auth; // one for every protocol, so that failed attempts add up per address
  private final List<AutoCloseable> started = new ArrayList<>(); // closed in reverse
  private HttpListener http;
  private HttpListener https;
  private TcpListener tcp;

  private PolluxServer(ServerConfig config, ServerInfo info, Device device, EventLoopGroup group) {
    this.config = config;
    this.info = info;
    this.device = device;
    this.group = group;
    this.auth = Auth.warnedOf(config.token());
    this.metrics =
        new Metrics(
            device,
            info.deviceId(),
            info.version(),
            info.ioModel(),
            config.metricsNodeNames(),
            HostPaths.of(device.config().procfsRoot(), device.config().sysfsRoot()));
    metrics.registerLoops(group::stats);
    this.blocking =
        Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("pollux-blocking-", 0).factory());
  }

  /**
   * Starts everything {@code config} asks for; an {@link Error} on an event loop stops that loop
   * (the library's default policy).
   *
   * @throws StartupException saying which part could not start, and why
   */
  public static PolluxServer start(ServerConfig config) throws StartupException {
    return start(config, GpioChips.system(), FatalErrorPolicy.stopLoop());
  }

  /**
   * Starts everything {@code config} asks for, with the GPIO lines on {@code chips} (tests pass a
   * fake set).
   *
   * @throws StartupException saying which part could not start, and why
   */
  public static PolluxServer start(ServerConfig config, GpioChips chips) throws StartupException {
    return start(config, chips, FatalErrorPolicy.stopLoop());
  }

  /**
   * Starts everything {@code config} asks for, with {@code fatalErrorPolicy} for an {@link Error}
   * on an event loop ({@link Main} halts the process, so that its supervisor restarts it).
   *
   * @throws StartupException saying which part could not start, and why
   */
  public static PolluxServer start(ServerConfig config, FatalErrorPolicy fatalErrorPolicy)
      throws StartupException {
    return start(config, GpioChips.system(), fatalErrorPolicy);
  }

  private static PolluxServer start(
      ServerConfig config, GpioChips chips, FatalErrorPolicy fatalErrorPolicy)
      throws StartupException {
    Transport transport = TransportChoice.of(config.io());
    Device device = DeviceStartup.open(config);
    GpioService gpio;
    try {
      gpio = GpioService.start(config.gpioLines(), chips, device);
    } catch (StartupException | RuntimeException e) {
      device.close();
      throw e;
    }
    ServerInfo info =
        new ServerInfo(
            config.deviceId(),
            LocalHost.name(),
            Version.current(),
            System.nanoTime(),
            transport.name(),
            config.loops());
    EventLoopGroup group =
        EventLoopGroup.builder(transport)
            .loops(config.loops())
            .fatalErrorPolicy(fatalErrorPolicy)
            .build();
    PolluxServer server = new PolluxServer(config, info, device, group);
    try {
      server.startAll(gpio);
    } catch (StartupException | RuntimeException e) {
      server.close();
      throw e;
    }
    Snapshot snapshot = device.snapshot();
    DeviceStartup.warnWithoutRealTemperature(snapshot, config.simulate());
    LOG.log(
        Level.INFO,
        "serving {0} sensors (primary temperature: {1}, {2}) on {3} {4} loop(s)",
        snapshot.readings().size(),
        snapshot.primary().sensorId(),
        snapshot.primary().reason(),
        config.loops(),
        transport.name());
    return server;
  }

  /** The components, in the order they start; each is closed by {@link #close()} once started. */
  private void startAll(GpioService gpio) throws StartupException {
    Optional<TlsSettings> httpsTls = config.tls().filter(t -> t.httpsPort().enabled());
    boolean anyHttp = config.httpPort().enabled() || httpsTls.isPresent();
    metrics.registerAuth(() -> auth.throttle().figures(anyHttp, config.tcpPort().enabled()));
    started.add(gpio); // the lines are held until after the listeners stop
    if (!config.gpioLines().isEmpty()) {
      metrics.registerGpioEventsDropped(gpio::eventsDropped);
    }
    DeviceStartup.startSampling(device, SHUTDOWN_GRACE);
    if (anyHttp) {
      startHttp(gpio, httpsTls);
    }
    if (config.tcpPort().enabled()) {
      startTcp();
    }
    if (config.mqtt().isPresent()) {
      startMqtt(config.mqtt().get());
    }
  }

  /** One API for both listeners, so that the sampler's readings become events once. */
  private void startHttp(GpioService gpio, Optional<TlsSettings> httpsTls) throws StartupException {
    HttpApi api = new HttpApi(device, auth, info, metrics, blocking, config.allowedOrigins());
    api.gpioChips(gpio.chips());
    started.add(api);
    HttpServerOptions options =
        HttpListener.options(config.maxConnections(), config.idleTimeout(), config.accessLog());
    if (config.httpPort().enabled()) {
      ListenAddress address = listenAddress(Protocol.HTTP, config.httpPort().number());
      http = begin(HttpListener.startPlain(address, group, api.router(), options, metrics));
    }
    if (httpsTls.isPresent()) {
      TlsSettings tls = httpsTls.get();
      ListenAddress address = listenAddress(Protocol.HTTPS, tls.httpsPort().number());
      https = begin(HttpListener.startTls(address, tls, group, api.router(), options, metrics));
    }
  }

  private void startTcp() throws StartupException {
    ListenAddress address = listenAddress(Protocol.TCP, config.tcpPort().number());
    TcpProtocol protocol = new TcpProtocol(device, auth, info, blocking, config.interval());
    TcpListener.Limits limits =
        new TcpListener.Limits(config.maxConnections(), config.idleTimeout());
    Optional<TlsSettings> tcpTls = config.tls().filter(TlsSettings::tcpTls);
    tcp = begin(TcpListener.start(address, protocol, tcpTls, group, limits, metrics));
  }

  /** It connects in the background and keeps retrying: a broker away never stops the start. */
  private void startMqtt(MqttSettings settings) throws StartupException {
    URI dashboard =
        settings
            .dashboardUrl()
            .orElseGet(
                () ->
                    DashboardUrl.of(
                        httpAddress(), httpsAddress(), config.bindAddress(), info.hostName()));
    MqttBridge bridge = begin(MqttBridge.start(settings, device, info, auth, dashboard));
    metrics.registerMqtt(bridge::figures);
  }

  private <T extends AutoCloseable> T begin(T component) {
    started.add(component);
    return component;
  }

  private ListenAddress listenAddress(Protocol protocol, int port) throws StartupException {
    return ListenAddress.resolve(protocol, config.bindAddress(), port);
  }

  /** What the server says about itself. */
  public ServerInfo info() {
    return info;
  }

  /** The hardware being served. */
  public Device device() {
    return device;
  }

  /** The figures of {@code /metrics}. */
  public Metrics metrics() {
    return metrics;
  }

  /** The HTTP address, with the real port; empty when {@code --http-port off}. */
  public Optional<InetSocketAddress> httpAddress() {
    return Optional.ofNullable(http).map(HttpListener::address);
  }

  /** The HTTPS address, with the real port; empty without {@code --https-port}. */
  public Optional<InetSocketAddress> httpsAddress() {
    return Optional.ofNullable(https).map(HttpListener::address);
  }

  /** The TCP protocol's address, with the real port; empty when {@code --tcp-port off}. */
  public Optional<InetSocketAddress> tcpAddress() {
    return Optional.ofNullable(tcp).map(TcpListener::address);
  }

  /** The TCP protocol's handlers and counters; null when {@code --tcp-port off}. */
  TcpProtocol tcpProtocol() {
    return tcp == null ? null : tcp.protocol();
  }

  /** Stops accepting, lets in-flight work finish within {@link #SHUTDOWN_GRACE}, stops the rest. */
  @Override
  public void close() {
    for (AutoCloseable component : started.reversed()) {
      try {
        component.close();
      } catch (Exception e) {
        LOG.log(Level.WARNING, "error while stopping " + component, e);
      }
    }
    group.shutdownGracefully(SHUTDOWN_GRACE);
    blocking.shutdownNow();
    device.close();
  }
}
