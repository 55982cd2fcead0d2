package dev.pollux.server;

import dev.pollux.device.Device;
import dev.pollux.device.DeviceConfig;
import dev.pollux.device.Reading;
import dev.pollux.device.Snapshot;
import dev.pollux.epoll.EpollTransport;
import dev.pollux.gpio.GpioChips;
import dev.pollux.http.HttpServer;
import dev.pollux.http.HttpServerOptions;
import dev.pollux.http.HttpStats;
import dev.pollux.loop.ConnectionHandlerFactory;
import dev.pollux.loop.EventLoopGroup;
import dev.pollux.loop.FatalErrorPolicy;
import dev.pollux.loop.HostPort;
import dev.pollux.loop.NioTransport;
import dev.pollux.loop.TcpServer;
import dev.pollux.loop.TlsHandlerFactory;
import dev.pollux.loop.Transport;
import dev.pollux.loop.Transports;
import dev.pollux.server.api.HttpApi;
import dev.pollux.server.cli.IoModel;
import dev.pollux.server.cli.ListenPort;
import dev.pollux.server.cli.MqttSettings;
import dev.pollux.server.cli.ServerConfig;
import dev.pollux.server.cli.TlsSettings;
import dev.pollux.server.cli.Version;
import dev.pollux.server.gpio.GpioService;
import dev.pollux.server.metrics.HostPaths;
import dev.pollux.server.metrics.Metrics;
import dev.pollux.server.mqtt.MqttBridge;
import dev.pollux.server.tcp.TcpProtocol;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The running device server: the sampler, the event loops, and a listener per protocol.
 *
 * <p>Design: one {@link Device} samples the hardware on its own thread and publishes immutable
 * snapshots; one {@link EventLoopGroup} runs every connection of every protocol; blocking work (LED
 * writes, {@code /metrics}' reads of {@code /proc}) goes to one virtual-thread executor and comes
 * back to the loops with {@code execute}. {@link #close()} stops accepting, lets in-flight
 * responses finish within {@link #SHUTDOWN_GRACE}, and stops the rest.
 */
public final class PolluxServer implements AutoCloseable {

  /** docs/design.md: in-flight responses get this long on shutdown. */
  public static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(5);

  private static final System.Logger LOG = System.getLogger(PolluxServer.class.getName());

  private final ServerInfo info;
  private final Device device;
  private final EventLoopGroup group;
  private final ExecutorService blocking;
  private final List<AutoCloseable> closeables = new ArrayList<>();
  private final Metrics metrics;
  private final Auth auth; // one for every protocol, so that failed attempts add up per address
  private TcpServer tcp;
  private TcpProtocol tcpProtocol;
  private HttpServer http;
  private HttpServer https;
  private HttpApi httpApi; // one for the HTTP and the HTTPS listener
  private GpioService gpio;

  private PolluxServer(
      ServerInfo info, Device device, EventLoopGroup group, Auth auth, boolean metricsNodeNames) {
    this.info = info;
    this.device = device;
    this.group = group;
    this.auth = auth;
    this.metrics =
        new Metrics(
            device,
            info.deviceId(),
            info.version(),
            info.ioModel(),
            metricsNodeNames,
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
   * @throws StartupException naming the option or port that stopped it
   */
  public static PolluxServer start(ServerConfig config) throws StartupException {
    return start(config, GpioChips.system(), FatalErrorPolicy.stopLoop());
  }

  /**
   * Starts everything {@code config} asks for, with the GPIO lines on {@code chips} (tests pass a
   * fake set).
   *
   * @throws StartupException naming the option or port that stopped it
   */
  public static PolluxServer start(ServerConfig config, GpioChips chips) throws StartupException {
    return start(config, chips, FatalErrorPolicy.stopLoop());
  }

  /**
   * Starts everything {@code config} asks for, with {@code fatalErrorPolicy} for an {@link Error}
   * on an event loop ({@link Main} halts the process, so that its supervisor restarts it).
   *
   * @throws StartupException naming the option or port that stopped it
   */
  public static PolluxServer start(ServerConfig config, FatalErrorPolicy fatalErrorPolicy)
      throws StartupException {
    return start(config, GpioChips.system(), fatalErrorPolicy);
  }

  private static PolluxServer start(
      ServerConfig config, GpioChips chips, FatalErrorPolicy fatalErrorPolicy)
      throws StartupException {
    Transport transport = transport(config.io());
    Device device = openDevice(config);
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
            hostName(),
            Version.current(),
            System.nanoTime(),
            transport.name(),
            config.loops());
    EventLoopGroup group =
        EventLoopGroup.builder(transport)
            .loops(config.loops())
            .fatalErrorPolicy(fatalErrorPolicy)
            .build();
    PolluxServer server =
        new PolluxServer(info, device, group, auth(config), config.metricsNodeNames());
    boolean http =
        config.httpPort().enabled()
            || config.tls().filter(t -> t.httpsPort().enabled()).isPresent();
    server.metrics.registerAuth(
        () -> server.auth.throttle().figures(http, config.tcpPort().enabled()));
    server.useGpio(gpio, config);
    try {
      startSampling(device);
      server.startHttp(config);
      server.startHttps(config);
      server.startTcp(config);
      server.startMqtt(config);
    } catch (StartupException | RuntimeException e) {
      server.close();
      throw e;
    }
    warnWithoutRealTemperature(device.snapshot(), config);
    LOG.log(
        Level.INFO,
        "serving {0} sensors (primary temperature: {1}, {2}) on {3} {4} loop(s)",
        device.snapshot().readings().size(),
        device.snapshot().primary().sensorId(),
        device.snapshot().primary().reason(),
        config.loops(),
        transport.name());
    return server;
  }

  /** People must know when "the temperature" is made up, or missing: said once, at start. */
  private static void warnWithoutRealTemperature(Snapshot snapshot, ServerConfig config) {
    Reading primary = snapshot.primaryTemperature();
    if (!snapshot.primary().present()) {
      LOG.log(
          Level.WARNING,
          "this device has no temperature sensor and --simulate=false: GET /temp answers 503 and"
              + " the TCP temp line ERR");
    } else if (!config.simulate() && primary != null && primary.simulated()) {
      LOG.log(
          Level.WARNING,
          "this device has no real temperature sensor: /temp, the TCP temp line and"
              + " pollux_primary_temperature_celsius serve a simulated value, marked as such"
              + " (--simulate=false turns the fallback off)");
    }
  }

  /** Holds the GPIO lines until close (after the listeners), and counts their dropped events. */
  private void useGpio(GpioService service, ServerConfig config) {
    gpio = service;
    closeables.add(service);
    if (!config.gpioLines().isEmpty()) {
      metrics.registerGpioEventsDropped(service::eventsDropped);
    }
  }

  /** What the server says about itself. */
  public ServerInfo info() {
    return info;
  }

  /** The hardware being served. */
  public Device device() {
    return device;
  }

  /** The TCP protocol's handlers and counters; null when {@code --tcp-port off}. */
  TcpProtocol tcpProtocol() {
    return tcpProtocol;
  }

  /** The HTTP address, with the real port; empty when {@code --http-port off}. */
  public Optional<InetSocketAddress> httpAddress() {
    return Optional.ofNullable(http).map(HttpServer::localAddress);
  }

  /** The figures of {@code /metrics}. */
  public Metrics metrics() {
    return metrics;
  }

  /** The TCP protocol's address, with the real port; empty when {@code --tcp-port off}. */
  public Optional<InetSocketAddress> tcpAddress() {
    return Optional.ofNullable(tcp).map(TcpServer::localAddress);
  }

  private void startHttp(ServerConfig config) throws StartupException {
    if (!config.httpPort().enabled()) {
      return;
    }
    HttpApi api = httpApi(config);
    HttpServerOptions options = httpOptions(config);
    http =
        listen(
            config,
            "http",
            config.httpPort(),
            address ->
                HttpServer.builder()
                    .group(group)
                    .bind(address)
                    .handler(api.router())
                    .options(options)
                    .start());
    HttpServer server = http;
    metrics.registerServer("http", server::connectionStats);
    metrics.registerHttpRequests(
        () -> {
          HttpStats stats = server.stats();
          return new long[] {
            stats.responses1xx(),
            stats.responses2xx(),
            stats.responses3xx(),
            stats.responses4xx(),
            stats.responses5xx()
          };
        });
  }

  /**
   * The HTTP API, made on first use: the HTTP and the HTTPS listener serve the same one, so that
   * the sampler's readings are turned into events once, not once per listener.
   */
  private HttpApi httpApi(ServerConfig config) {
    if (httpApi == null) {
      httpApi = new HttpApi(device, auth, info, metrics, blocking, config.allowedOrigins());
      httpApi.gpioChips(gpio.chips());
      closeables.add(httpApi);
    }
    return httpApi;
  }

  /** The options of the HTTP and the HTTPS listener alike. */
  private static HttpServerOptions httpOptions(ServerConfig config) {
    return HttpServerOptions.builder()
        .maxConnections(config.maxConnections())
        .keepAliveTimeout(config.idleTimeout())
        .defaultHeader("X-Content-Type-Options", "nosniff") // also on the parser's 4xx
        .accessLog(config.accessLog())
        .build();
  }

  /** The HTTPS address, with the real port; empty without {@code --https-port}. */
  public Optional<InetSocketAddress> httpsAddress() {
    return Optional.ofNullable(https).map(HttpServer::localAddress);
  }

  /** The same HTTP API over TLS, with {@code --https-port} and a certificate. */
  private void startHttps(ServerConfig config) throws StartupException {
    Optional<TlsSettings> tls = config.tls().filter(t -> t.httpsPort().enabled());
    if (tls.isEmpty()) {
      return;
    }
    LOG.log(Level.INFO, "https uses {0}", tls.get().source());
    HttpApi api = httpApi(config);
    HttpServerOptions options = httpOptions(config);
    https =
        listen(
            config,
            "https",
            tls.get().httpsPort(),
            address ->
                HttpServer.builder()
                    .group(group)
                    .bind(address)
                    .handler(api.router())
                    .options(options)
                    .tls(tls.get().context(), tls.get().handshakeTimeout())
                    .start());
    metrics.registerServer("https", https::connectionStats);
  }

  private void startTcp(ServerConfig config) throws StartupException {
    if (!config.tcpPort().enabled()) {
      return;
    }
    TcpProtocol protocol = new TcpProtocol(device, auth, info, blocking, config.interval());
    closeables.add(protocol);
    tcpProtocol = protocol;
    tcp =
        listen(
            config,
            "tcp",
            config.tcpPort(),
            address ->
                TcpServer.builder()
                    .name("tcp")
                    .group(group)
                    .bind(address)
                    .handler(overTls(config, protocol))
                    .refusal(
                        config.tls().filter(TlsSettings::tcpTls).isPresent()
                            ? new byte[0]
                            : TcpProtocol.REFUSAL)
                    .maxConnections(config.maxConnections())
                    .idleTimeout(config.idleTimeout())
                    .start());
    metrics.registerServer("tcp", tcp::stats);
    metrics.registerWatchSamplesDropped(protocol::watchLinesDropped);
  }

  /** With {@code --tcp-tls}, the TCP protocol over TLS (ALPN none); else the protocol itself. */
  private static ConnectionHandlerFactory overTls(ServerConfig config, TcpProtocol protocol) {
    return config
        .tls()
        .filter(TlsSettings::tcpTls)
        .<ConnectionHandlerFactory>map(
            tls ->
                TlsHandlerFactory.builder(tls.context())
                    .handshakeTimeout(tls.handshakeTimeout())
                    .plainTextRefusal("ERR this port speaks TLS\n")
                    .build(protocol))
        .orElse(protocol);
  }

  /** Starts one listener; its failure names the protocol, the address and the option. */
  private <T extends AutoCloseable> T listen(
      ServerConfig config, String protocol, ListenPort port, Listener<T> listener)
      throws StartupException {
    InetSocketAddress address = new InetSocketAddress(config.bindAddress(), port.number());
    if (address.isUnresolved()) {
      throw new StartupException(
          StartupException.USAGE,
          "Invalid value for option '--bind': cannot resolve '" + config.bindAddress() + "'",
          null);
    }
    try {
      T server = listener.start(address);
      closeables.add(server);
      return server;
    } catch (BindException e) {
      throw new StartupException(
          StartupException.FAILURE,
          "cannot listen for "
              + protocol
              + " on "
              + HostPort.of(address)
              + " (--"
              + protocol
              + "-port "
              + port
              + "): "
              + bindFailure(e),
          e);
    } catch (IOException e) {
      throw new StartupException(
          StartupException.FAILURE,
          "cannot listen for " + protocol + " on " + HostPort.of(address) + ": " + e,
          e);
    }
  }

  /**
   * The system's own words for a failed bind, the same on every transport: the JDK says {@code
   * Address already in use}, the epoll transport {@code cannot listen on …: bind(fd 10): EADDRINUSE
   * (Address already in use)}, which would repeat the address the message already names.
   */
  static String bindFailure(BindException e) {
    String message = String.valueOf(e.getMessage());
    int open = message.lastIndexOf(" (");
    return open >= 0 && message.endsWith(")")
        ? message.substring(open + 2, message.length() - 1)
        : message;
  }

  /**
   * The dashboard's address when {@code --mqtt-dashboard-url} does not give one: the HTTP (else
   * HTTPS) listener's port at the bind address, or at the host name when bound to every address.
   */
  private URI dashboardUrl(ServerConfig config) {
    String scheme = http != null ? "http" : "https";
    HttpServer server = http != null ? http : https;
    int port = server == null ? 8080 : server.localAddress().getPort();
    String bind = config.bindAddress();
    String host =
        bind.equals("0.0.0.0") || bind.equals("::") || bind.isEmpty() ? info.hostName() : bind;
    try {
      return new URI(scheme, null, host, port, "/", null, null);
    } catch (java.net.URISyntaxException e) {
      return URI.create(scheme + "://localhost:" + port + "/");
    }
  }

  /** The MQTT bridge, with {@code --mqtt}: it connects in the background and never stops start. */
  private void startMqtt(ServerConfig config) throws StartupException {
    if (config.mqtt().isEmpty()) {
      return;
    }
    try {
      MqttSettings settings = config.mqtt().get();
      MqttBridge bridge =
          MqttBridge.start(
              settings,
              device,
              info,
              auth,
              settings.dashboardUrl().orElseGet(() -> dashboardUrl(config)));
      closeables.add(bridge);
      metrics.registerMqtt(bridge::figures);
    } catch (IllegalArgumentException e) {
      throw new StartupException(StartupException.USAGE, e.getMessage(), e);
    }
  }

  /** Starts a listener on an address. */
  @FunctionalInterface
  private interface Listener<T> {
    T start(InetSocketAddress address) throws IOException;
  }

  /**
   * Starts the sampler and waits for its first pass (up to {@link #SHUTDOWN_GRACE}), so that a
   * client that connects as soon as we listen gets values rather than "stale: no value yet".
   */
  private static void startSampling(Device device) {
    CountDownLatch firstPass = new CountDownLatch(1);
    Consumer<Snapshot> listener = snapshot -> firstPass.countDown();
    device.addListener(listener);
    try {
      device.start();
      if (!firstPass.await(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.log(Level.WARNING, "no sample within {0}; listening anyway", SHUTDOWN_GRACE);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      device.removeListener(listener);
    }
  }

  /** The token of every protocol; a short one is worth a warning (it is never logged). */
  private static Auth auth(ServerConfig config) {
    Auth auth = new Auth(config.token());
    if (auth.tokenIsShort()) {
      LOG.log(
          Level.WARNING,
          "the token is shorter than {0} characters: it may be guessed, if slowly; use a longer"
              + " random one (e.g. openssl rand -hex 16) in --token-file",
          Integer.toString(Auth.RECOMMENDED_TOKEN_LENGTH));
    }
    return auth;
  }

  private static Transport transport(IoModel io) throws StartupException {
    try {
      return switch (io) {
        case AUTO -> {
          if (EpollTransport.isAvailable()) {
            yield EpollTransport.create();
          }
          LOG.log(
              Level.INFO,
              "--io auto: using nio, since epoll is not available here: {0}",
              EpollTransport.unavailabilityReason());
          yield NioTransport.standard();
        }
        case EPOLL -> {
          if (!EpollTransport.isAvailable()) {
            throw new StartupException(
                StartupException.USAGE,
                "Invalid value for option '--io': epoll is not available here: "
                    + EpollTransport.unavailabilityReason()
                    + "; expected auto, nio, poll, threads or virtual",
                null);
          }
          yield EpollTransport.create();
        }
        case NIO, POLL, THREADS, VIRTUAL -> Transports.byName(io.label());
      };
    } catch (UnsupportedOperationException e) {
      throw new StartupException(
          StartupException.FAILURE, "cannot use --io " + io.label() + ": " + e.getMessage(), e);
    }
  }

  private static Device openDevice(ServerConfig config) throws StartupException {
    try {
      return Device.open(
          DeviceConfig.builder()
              .sysfsRoot(config.sysfsRoot())
              .procfsRoot(config.procfsRoot())
              .interval(config.interval())
              .history(config.history())
              .simulate(config.simulate())
              .simulatedFallback(config.simulatedFallback())
              .include(config.sensorsInclude())
              .exclude(config.sensorsExclude())
              .build());
    } catch (IllegalArgumentException e) {
      String option =
          e.getMessage().contains(config.procfsRoot().toString()) ? "--procfs" : "--sysfs";
      throw new StartupException(
          StartupException.USAGE,
          "Invalid value for option '" + option + "': " + e.getMessage(),
          e);
    }
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }

  /** Stops accepting, lets in-flight work finish within {@link #SHUTDOWN_GRACE}, stops the rest. */
  @Override
  public void close() {
    for (AutoCloseable closeable : closeables.reversed()) {
      try {
        closeable.close();
      } catch (Exception e) {
        LOG.log(Level.WARNING, "error while stopping " + closeable, e);
      }
    }
    group.shutdownGracefully(SHUTDOWN_GRACE);
    blocking.shutdownNow();
    device.close();
  }
}
