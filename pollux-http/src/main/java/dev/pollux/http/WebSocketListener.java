package dev.pollux.http;

/**
 * What a server does with one WebSocket's events. Every method runs on the connection's loop
 * thread: never block there (hand blocking work to an executor and send the answer from it). A
 * method that throws closes the WebSocket with 1011.
 */
public interface WebSocketListener {

  /** The handshake went out; messages may be sent. */
  default void onOpen(WebSocket socket) {}

  /** A complete text message (fragments joined, valid UTF-8). */
  void onText(WebSocket socket, String text);

  /** A complete binary message (fragments joined); the array is the listener's. */
  default void onBinary(WebSocket socket, byte[] data) {
    socket.close(1003, "binary messages are not accepted");
  }

  /**
   * The WebSocket has ended, once: {@code code} is the client's close code, 1005 when its close
   * frame had none, 1006 when the connection went without a close frame, or the code the server
   * failed the connection with (1002, 1007, 1009...).
   */
  default void onClose(WebSocket socket, int code, String reason) {}
}
