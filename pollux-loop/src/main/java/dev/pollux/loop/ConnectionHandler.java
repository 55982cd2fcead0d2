package dev.pollux.loop;

import java.nio.ByteBuffer;

/**
 * What a protocol does with a connection's events. One instance per connection, created by the
 * server's {@link ConnectionHandlerFactory}; every method runs on the connection's loop thread, so
 * a handler needs no locks for its own state.
 *
 * <p>A method that throws gets its connection aborted and the exception logged once; the loop and
 * every other connection go on. {@link #onClosed} is called exactly once, last.
 */
public interface ConnectionHandler {

  /** The connection is registered and readable. */
  default void onOpen(Connection connection) {}

  /**
   * Bytes arrived. {@code data} is the loop's read buffer, valid only during this call: consume it
   * or copy what must be kept; its position is ignored after the call.
   */
  void onData(Connection connection, ByteBuffer data);

  /** The peer shut down its output (end of stream). By default the connection is closed. */
  default void onInputClosed(Connection connection) {
    connection.close();
  }

  /**
   * The connection takes output again after {@link Connection#isWritable()} said it did not: its
   * queued output fell below the low watermark after having passed the high watermark, or its group
   * is back under the memory budget it was over.
   */
  default void onWritable(Connection connection) {}

  /** Nothing was read or written for the idle timeout. By default the connection is closed. */
  default void onIdle(Connection connection) {
    connection.close();
  }

  /**
   * The server is shutting down. By default the connection is closed once its queued output is
   * flushed; a protocol with work in flight may finish it first and close then.
   */
  default void onShutdown(Connection connection) {
    connection.close();
  }

  /**
   * The connection is closed. {@code cause} is {@code null} for an orderly close (either side,
   * including an idle timeout), else what broke it (a reset, an I/O error, this handler's
   * exception).
   */
  default void onClosed(Connection connection, Throwable cause) {}
}
