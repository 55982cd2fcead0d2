package dev.pollux.server.mqtt;

/**
 * Where the bridge's messages go: the MQTT client when connected, a recording list in tests. A
 * publish that fails later runs {@code onFailure} on the bridge's thread, so that the state is sent
 * again on the next pass.
 */
@FunctionalInterface
interface Sink {

  /** Hands one message to the client; never blocks on the network. */
  void publish(String topic, byte[] payload, int qos, boolean retained, Runnable onFailure);
}
