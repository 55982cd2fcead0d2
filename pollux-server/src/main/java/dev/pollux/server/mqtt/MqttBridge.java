package dev.pollux.server.mqtt;

import dev.pollux.device.Actuator;
import dev.pollux.device.Device;
import dev.pollux.device.Snapshot;
import dev.pollux.server.Auth;
import dev.pollux.server.ServerInfo;
import dev.pollux.server.StartupException;
import dev.pollux.server.cli.MqttDiscovery;
import dev.pollux.server.cli.MqttSettings;
import dev.pollux.server.metrics.MqttFigures;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;

/**
 * The MQTT bridge: publishes this device's sensors, LEDs and Home Assistant discovery configs to a
 * broker and takes LED commands from it, e.g. {@code pollux/kitchen-pi/sensor/thermal_zone0/state}
 * = {@code 48.312} (retained).
 *
 * <p>Design: one platform thread ({@link BridgeThread}) owns all of the bridge's state and does all
 * of its work, including the blocking LED reads and writes. Nobody else waits for it: the sampler's
 * listener only stores the latest snapshot and queues one drain (coalesced), and Paho's callback
 * thread only hands messages over (commands through a bounded count). While the broker is away
 * nothing queues up: on reconnection the bridge publishes the latest snapshot, which holds one
 * value per sensor. {@link BrokerLink} owns the connection and its backoff, {@link StatePublisher}
 * decides what to publish, {@link Commands} applies LED commands.
 */
public final class MqttBridge implements AutoCloseable {

  /** Commands waiting for the bridge's thread; beyond it they are rejected, not queued. */
  static final int MAX_PENDING_COMMANDS = 64;

  /** The first reconnection delay; it doubles up to {@link MqttSettings#reconnectMax()}. */
  static final Duration FIRST_RETRY = Duration.ofSeconds(1);

  /** How long after the first old-form config the migration pass runs, to take all in one. */
  static final Duration MIGRATION_DELAY = Duration.ofMillis(300);

  /** {@link #close()} waits this long at most for {@code offline} and the disconnection. */
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

  private static final System.Logger LOG = System.getLogger(MqttBridge.class.getName());

  private final Device device;
  private final BridgeThread thread = new BridgeThread();
  private final BrokerLink link;
  private final StatePublisher publisher;
  private final Commands commands;
  private final Consumer<Snapshot> listener = this::onSnapshot;
  private final AtomicReference<Snapshot> latest = new AtomicReference<>();
  private final AtomicBoolean drainQueued = new AtomicBoolean();
  private final AtomicInteger pendingCommands = new AtomicInteger();
  private final Topics topics;
  private final MqttDiscovery mode;

  /** Owned by the bridge's thread: a migration pass is scheduled. */
  private boolean migrationQueued;

  private MqttBridge(
      MqttSettings settings, Device device, ServerInfo info, Auth auth, URI dashboard)
      throws MqttException {
    this.device = device;
    Topics topics = new Topics(settings.topicPrefix(), info.deviceId());
    this.topics = topics;
    this.mode = settings.discovery();
    Duration first =
        FIRST_RETRY.compareTo(settings.reconnectMax()) < 0 ? FIRST_RETRY : settings.reconnectMax();
    Backoff backoff =
        new Backoff(first, settings.reconnectMax(), ThreadLocalRandom.current()::nextDouble);
    this.link =
        new BrokerLink(
            settings, "pollux-" + info.deviceId(), topics, thread, backoff, new LinkEvents());
    Hardware hardware = Hardware.read(device.config().procfsRoot(), device.config().sysfsRoot());
    DiscoveryConfigs discovery =
        new DiscoveryConfigs(
            topics, info.deviceId(), info.version(), settings.interval(), hardware, dashboard);
    this.publisher =
        new StatePublisher(
            topics,
            discovery,
            settings.discovery(),
            link,
            settings.qos(),
            settings.interval().toNanos());
    this.commands = new Commands(device, auth, topics);
  }

  /**
   * Starts the bridge: it connects in the background and keeps retrying, so an unreachable broker
   * never stops the server.
   *
   * @param dashboard the dashboard's address as people reach it, linked from Home Assistant
   * @throws StartupException.BrokerRefused when Paho refuses the broker URL
   */
  public static MqttBridge start(
      MqttSettings settings, Device device, ServerInfo info, Auth auth, URI dashboard)
      throws StartupException {
    MqttBridge bridge;
    try {
      bridge = new MqttBridge(settings, device, info, auth, dashboard);
    } catch (MqttException | IllegalArgumentException e) {
      throw new StartupException.BrokerRefused(settings.broker(), e);
    }
    LOG.log(
        Level.INFO,
        "mqtt: bridging to broker {0} under {1}/{2}/ (QoS {3}, at least every {4} ms)",
        settings.broker(),
        settings.topicPrefix(),
        info.deviceId(),
        settings.qos(),
        settings.interval().toMillis());
    device.addListener(bridge.listener);
    bridge.thread.execute(bridge.link::connect);
    Duration tick = settings.interval().dividedBy(4);
    bridge.thread.every(tick.toMillis() < 25 ? Duration.ofMillis(25) : tick, bridge::tick);
    return bridge;
  }

  /** Whether the bridge is connected to the broker now. */
  public boolean connected() {
    return link.connected();
  }

  /** The figures for {@code /metrics}; any thread. */
  public MqttFigures figures() {
    return new MqttFigures(
        link.connected(),
        link.publishes(),
        link.publishFailures(),
        link.reconnects(),
        commands.rejected());
  }

  /** On the sampler's thread: store and signal, nothing else. */
  private void onSnapshot(Snapshot snapshot) {
    latest.set(snapshot);
    if (drainQueued.compareAndSet(false, true)) {
      thread.execute(this::drain);
    }
  }

  private void drain() {
    drainQueued.set(false);
    if (link.connected()) {
      publisher.snapshot(snapshot(), System.nanoTime());
    }
  }

  /** Every quarter interval: states due by age, and LEDs changed by other paths (HTTP, TCP). */
  private void tick() {
    if (link.connected()) {
      long now = System.nanoTime();
      publisher.snapshot(snapshot(), now);
      publisher.actuators(device.actuators(), now);
    }
  }

  private Snapshot snapshot() {
    Snapshot snapshot = latest.get();
    return snapshot != null ? snapshot : device.snapshot();
  }

  private void onCommand(String topic, byte[] payload, boolean retained) {
    pendingCommands.decrementAndGet();
    Actuator written = commands.handle(topic, payload, retained);
    if (written != null && link.connected()) {
      publisher.written(written, System.nanoTime());
    }
  }

  private void onHomeAssistantStatus(byte[] payload) {
    String status = new String(payload, StandardCharsets.UTF_8).strip();
    if (link.connected() && BrokerLink.ONLINE.equals(status)) {
      LOG.log(Level.INFO, "mqtt: Home Assistant is online; publishing the discovery configs again");
      publisher.rediscover(snapshot(), device.actuators());
    }
  }

  /**
   * A retained config of the other discovery form: the broker sends those right after our
   * subscription, one message each, so one migration pass follows shortly after the first.
   */
  private void onOtherForm(String topic, byte[] payload) {
    if (publisher.otherFormFound(topic, payload) && !migrationQueued) {
      migrationQueued = true;
      var _ =
          thread.schedule(
              () -> {
                migrationQueued = false;
                if (link.connected()) {
                  LOG.log(
                      Level.INFO,
                      "mqtt: migrating Home Assistant discovery to the {0} form",
                      mode.wireName());
                  publisher.migrate();
                }
              },
              MIGRATION_DELAY);
    }
  }

  /** Whether {@code topic} is a discovery config of the form this bridge does not publish. */
  private boolean isOtherForm(String topic) {
    return mode == MqttDiscovery.DEVICE
        ? topics.isComponentDiscovery(topic)
        : topics.deviceDiscovery().equals(topic);
  }

  /**
   * Publishes {@code offline}, disconnects and stops the bridge's thread; waits seconds at most.
   */
  @Override
  public void close() {
    device.removeListener(listener);
    thread.finish(link::close, CLOSE_TIMEOUT);
  }

  /** What the link reports: connections on the bridge's thread, messages on Paho's. */
  private final class LinkEvents implements BrokerLink.Events {
    @Override
    public void connected() {
      publisher.connected(snapshot(), device.actuators(), System.nanoTime());
    }

    @Override
    public void message(String topic, MqttMessage message) {
      byte[] payload = message.getPayload();
      if (Topics.HA_STATUS.equals(topic)) {
        thread.execute(() -> onHomeAssistantStatus(payload));
        return;
      }
      if (isOtherForm(topic)) {
        thread.execute(() -> onOtherForm(topic, payload));
        return;
      }
      if (pendingCommands.incrementAndGet() > MAX_PENDING_COMMANDS) {
        pendingCommands.decrementAndGet();
        commands.reject(topic, "too many commands waiting");
        return;
      }
      boolean retained = message.isRetained();
      thread.execute(() -> onCommand(topic, payload, retained));
    }
  }
}
