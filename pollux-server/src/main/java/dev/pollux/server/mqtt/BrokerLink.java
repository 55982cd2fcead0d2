package dev.pollux.server.mqtt;

import dev.pollux.server.cli.MqttDiscovery;
import dev.pollux.server.cli.MqttSettings;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * The connection to the broker, e.g. {@code tcp://broker:1883} as client {@code pollux-kitchen-pi}:
 * connects (clean session, keep-alive 30 s, last will {@code offline} retained), reconnects with
 * {@link Backoff} after a failure or a loss, publishes without blocking, and counts.
 *
 * <p>Reconnection is ours, not Paho's automatic one, so that the delays have jitter and tests can
 * make them short. Every method but the counters runs on the {@link BridgeThread}; Paho's own
 * threads only hand work to it.
 */
final class BrokerLink implements Sink {

  /** What the link tells the bridge. */
  interface Events {
    /**
     * On the bridge's thread, after each (re)connection, once the broker acknowledged the
     * subscriptions.
     */
    void connected();

    /** On Paho's callback thread: copy what is needed and return quickly. */
    void message(String topic, MqttMessage message);
  }

  static final String ONLINE = "online";
  static final String OFFLINE = "offline";
  static final int KEEP_ALIVE_SECONDS = 30;
  static final int CONNECT_TIMEOUT_SECONDS = 10;

  /** Paho's default of 10 messages in flight is too few for one pass over 50 sensors at QoS 1. */
  static final int MAX_INFLIGHT = 1_000;

  /** A SUBACK's return code for a refused filter (MQTT 3.1.1 section 3.9.3). */
  private static final int SUBACK_FAILURE = 0x80;

  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(3);
  private static final System.Logger LOG = System.getLogger(BrokerLink.class.getName());

  private final MqttSettings settings;
  private final Topics topics;
  private final BridgeThread thread;
  private final Backoff backoff;
  private final Events events;
  private final MqttAsyncClient client;
  private final MqttConnectOptions options;
  private final AtomicLong publishes = new AtomicLong();
  private final AtomicLong publishFailures = new AtomicLong();
  private final AtomicLong reconnects = new AtomicLong();
  private volatile boolean connected;

  // Owned by the bridge's thread.
  private boolean connecting;
  private boolean everConnected;
  private boolean closed;
  private IMqttToken connectToken;
  private ScheduledFuture<?> retry;

  BrokerLink(
      MqttSettings settings,
      String clientId,
      Topics topics,
      BridgeThread thread,
      Backoff backoff,
      Events events)
      throws MqttException {
    this.settings = settings;
    this.topics = topics;
    this.thread = thread;
    this.backoff = backoff;
    this.events = events;
    this.client =
        new MqttAsyncClient(settings.broker().toString(), clientId, new MemoryPersistence());
    this.options = options(settings, topics);
    client.setCallback(new Callback());
  }

  private static MqttConnectOptions options(MqttSettings settings, Topics topics) {
    MqttConnectOptions options = new MqttConnectOptions();
    options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
    options.setCleanSession(true);
    options.setKeepAliveInterval(KEEP_ALIVE_SECONDS);
    options.setConnectionTimeout(CONNECT_TIMEOUT_SECONDS);
    options.setAutomaticReconnect(false);
    options.setMaxInflight(MAX_INFLIGHT);
    options.setWill(topics.status(), bytes(OFFLINE), 1, true);
    settings.user().ifPresent(options::setUserName);
    settings.password().ifPresent(password -> options.setPassword(password.toCharArray()));
    return options;
  }

  boolean connected() {
    return connected;
  }

  long publishes() {
    return publishes.get();
  }

  long publishFailures() {
    return publishFailures.get();
  }

  long reconnects() {
    return reconnects.get();
  }

  /** Starts connecting unless already connected or connecting; failures schedule a retry. */
  void connect() {
    if (closed || connecting || client.isConnected()) {
      return;
    }
    connecting = true;
    try {
      connectToken =
          client.connect(
              options,
              null,
              new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                  thread.execute(BrokerLink.this::onConnected);
                }

                @Override
                public void onFailure(IMqttToken token, Throwable failure) {
                  thread.execute(() -> onConnectFailed(failure));
                }
              });
    } catch (MqttException | RuntimeException e) {
      onConnectFailed(e);
    }
  }

  private void onConnected() {
    connecting = false;
    if (closed) {
      return; // close() disconnects
    }
    backoff.reset();
    if (everConnected) {
      reconnects.incrementAndGet();
    }
    everConnected = true;
    LOG.log(Level.INFO, "mqtt: connected to {0} as {1}", settings.broker(), client.getClientId());
    // The other discovery form's retained configs, to migrate them (Home Assistant's order).
    String otherForm =
        settings.discovery() == MqttDiscovery.DEVICE
            ? topics.componentDiscoveryFilter()
            : topics.deviceDiscovery();
    subscribe(
        new String[] {topics.actuatorSetFilter(), Topics.HA_STATUS, otherForm},
        settings.qos(),
        1,
        1);
  }

  /**
   * The broker acknowledged the subscriptions (SUBACK): only now is the link "connected", the
   * device announced {@code online} and its states published, since a command sent between the
   * CONNACK and the SUBACK would be dropped by the broker (no subscription yet) while everything
   * told the sender the bridge was up.
   */
  private void onSubscribed(IMqttToken token) {
    if (closed || !client.isConnected()) {
      return; // lost (or closing) before the SUBACK came: the next connection subscribes again
    }
    int[] granted = token.getGrantedQos();
    for (int qos : granted == null ? new int[0] : granted) {
      if (qos == SUBACK_FAILURE) {
        // The broker's ACL refused a filter (MQTT 3.1.1 section 3.9.3): states still flow.
        LOG.log(Level.WARNING, "mqtt: the broker refused a subscription; commands will not arrive");
      }
    }
    connected = true;
    publish(topics.status(), bytes(ONLINE), 1, true, () -> {});
    events.connected();
  }

  private void onConnectFailed(Throwable failure) {
    connecting = false;
    connected = false;
    if (!closed) {
      retryLater("cannot connect to broker {0}: {1}; retrying in {2} ms", failure);
    }
  }

  private void onConnectionLost(Throwable cause) {
    connected = false;
    if (!closed) {
      retryLater("lost the connection to broker {0}: {1}; reconnecting in {2} ms", cause);
    }
  }

  private void retryLater(String message, Throwable cause) {
    Duration delay = backoff.next();
    LOG.log(
        Level.WARNING, "mqtt: " + message, settings.broker(), describe(cause), delay.toMillis());
    if (retry != null) {
      retry.cancel(false);
    }
    retry = thread.schedule(this::connect, delay);
  }

  private void subscribe(String[] filters, int... qos) {
    IMqttActionListener listener =
        new IMqttActionListener() {
          @Override
          public void onSuccess(IMqttToken token) {
            LOG.log(Level.DEBUG, "mqtt: subscribed to {0}", List.of(filters));
            thread.execute(() -> onSubscribed(token));
          }

          @Override
          public void onFailure(IMqttToken token, Throwable failure) {
            LOG.log(Level.WARNING, "mqtt: cannot subscribe: {0}", describe(failure));
          }
        };
    try {
      client.subscribe(filters, qos, null, listener);
    } catch (MqttException e) {
      listener.onFailure(null, e);
    }
  }

  /** Hands a message to Paho and counts its outcome; never throws, never blocks. */
  @Override
  public void publish(String topic, byte[] payload, int qos, boolean retained, Runnable onFailure) {
    try {
      client.publish(
          topic,
          payload,
          qos,
          retained,
          null,
          new IMqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
              publishes.incrementAndGet();
            }

            @Override
            public void onFailure(IMqttToken token, Throwable failure) {
              publishFailures.incrementAndGet();
              thread.execute(onFailure);
            }
          });
    } catch (MqttException | RuntimeException e) {
      publishFailures.incrementAndGet();
      LOG.log(Level.DEBUG, "mqtt: publish to {0} failed: {1}", topic, describe(e));
      onFailure.run();
    }
  }

  /** Publishes {@code offline} and disconnects, waiting a few seconds at most; then closes. */
  void close() {
    closed = true;
    if (retry != null) {
      retry.cancel(false);
    }
    long waitMillis = CLOSE_TIMEOUT.toMillis();
    try {
      if (connecting && connectToken != null) {
        connectToken.waitForCompletion(waitMillis);
      }
      if (client.isConnected()) {
        client.publish(topics.status(), bytes(OFFLINE), 1, true).waitForCompletion(waitMillis);
        client.disconnect(waitMillis / 3).waitForCompletion(waitMillis);
      }
    } catch (MqttException e) {
      LOG.log(Level.WARNING, "mqtt: clean disconnect from {0} failed: {1}", settings.broker(), e);
    } finally {
      connected = false;
      closeClient();
    }
    LOG.log(Level.INFO, "mqtt: disconnected from {0}", settings.broker());
  }

  private void closeClient() {
    try {
      if (client.isConnected()) {
        client.disconnectForcibly(0, CLOSE_TIMEOUT.toMillis() / 3, false);
      }
      client.close(true);
    } catch (MqttException e) {
      LOG.log(Level.WARNING, "mqtt: cannot close the client: " + e, e);
    }
  }

  /**
   * Paho's reason and its cause, e.g. {@code Unable to connect to server (ConnectException...)}.
   */
  static String describe(Throwable failure) {
    if (failure == null) {
      return "unknown cause";
    }
    Throwable cause = failure.getCause();
    String text = failure.getMessage() != null ? failure.getMessage() : failure.toString();
    return cause == null || cause.equals(failure) ? text : text + " (" + cause + ")";
  }

  static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  /** Paho's callbacks, on Paho's threads: hand over and return. */
  private final class Callback implements MqttCallback {
    @Override
    public void connectionLost(Throwable cause) {
      thread.execute(() -> onConnectionLost(cause));
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
      events.message(topic, message);
    }

    @Override
    public void deliveryComplete(IMqttDeliveryToken token) {
      // Counted by each publish's own listener.
    }
  }
}
