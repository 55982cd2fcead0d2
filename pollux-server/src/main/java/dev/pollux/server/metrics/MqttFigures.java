package dev.pollux.server.metrics;

/**
 * The MQTT bridge's figures for {@code /metrics}, e.g. connected, 1 204 publishes, 3 failures, 2
 * reconnects since start.
 *
 * @param connected whether the bridge is connected to the broker now
 * @param publishes messages published since start
 * @param publishFailures publishes that failed since start
 * @param reconnects reconnections to the broker since start
 * @param commandsRejected actuator commands received and not applied since start
 */
public record MqttFigures(
    boolean connected,
    long publishes,
    long publishFailures,
    long reconnects,
    long commandsRejected) {

  /** Figures without rejected commands. */
  public MqttFigures(boolean connected, long publishes, long publishFailures, long reconnects) {
    this(connected, publishes, publishFailures, reconnects, 0);
  }
}
