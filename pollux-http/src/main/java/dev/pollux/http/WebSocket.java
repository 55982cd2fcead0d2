package dev.pollux.http;

/**
 * One WebSocket connection (RFC 6455), server side, from {@link Response#upgradeToWebSocket}.
 * Messages can be sent from any thread; they go out on the connection's loop in the order they were
 * sent from one thread.
 *
 * <p>Each WebSocket has a bounded queue of outgoing messages (HttpServerOptions {@code
 * webSocketQueueCapacity}): while the client reads slower than messages come, the oldest queued
 * messages are dropped and counted in {@link #dropped()}, so that it gets the latest ones, never an
 * ever-growing backlog — the same rule as server-sent events. Pongs and the close frame are not
 * queued and never dropped.
 */
public interface WebSocket {

  /** Queues a text message. Dropped when the WebSocket is closing or closed. */
  void sendText(String text);

  /** Queues a binary message; the WebSocket takes ownership of the array. Dropped when closed. */
  void sendBinary(byte[] data);

  /**
   * Starts the close handshake (RFC 6455 §7.1.2) after the messages queued so far: {@code code} is
   * 1000 (normal), 1001 (going away), 1008 (policy), 1011 (server error) or 3000..4999; {@code
   * reason} at most 123 bytes of UTF-8. Idempotent once closing.
   *
   * @throws IllegalArgumentException for another code or a longer reason
   */
  void close(int code, String reason);

  /** True until the close handshake starts or the connection goes. */
  boolean isOpen();

  /** Messages dropped so far because this client fell behind. */
  long dropped();

  /** The subprotocol chosen in the handshake, or null. */
  String subprotocol();
}
