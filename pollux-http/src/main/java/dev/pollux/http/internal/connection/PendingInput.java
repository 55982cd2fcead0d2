package dev.pollux.http.internal.connection;

import dev.pollux.loop.Connection;
import dev.pollux.loop.ConnectionHandler;
import java.nio.ByteBuffer;

/**
 * The pipelining and back-pressure of one connection: the input kept unparsed while it must wait,
 * and the read suspension that goes with it. Input waits while a handler works or a body streams
 * (later pipelined requests wait their turn, so the responses keep request order without a reorder
 * buffer), and while the client does not read its answers (the connection is above its high
 * watermark, so answering more would only pile them up). Reading stops while input waits, so what
 * waits is at most one read.
 *
 * <p>Loop thread only.
 */
final class PendingInput {

  /**
   * A pipelined batch hands what it gathered to the connection once it is this large, so that the
   * connection's watermark sees it and parsing stops while the client does not read.
   */
  private static final int FLUSH_BYTES = 16 * 1024;

  private final Connection connection;
  private final ResponseWriter writer;
  private ByteBuffer kept; // input not yet parsed, null when none
  private boolean suspended; // this connection asked the loop to stop reading

  PendingInput(Connection connection, ResponseWriter writer) {
    this.connection = connection;
    this.writer = writer;
  }

  /**
   * Flushes a large pipelined batch; true when the connection is above its high watermark, so that
   * no more requests are answered until it drains (the answers would pile up unread).
   */
  boolean outputFull() {
    if (writer.gathered() >= FLUSH_BYTES) {
      writer.flush();
    }
    return !connection.isWritable();
  }

  /**
   * Keeps the rest of {@code in} after what waits already, and stops reading. {@code owned}: {@code
   * in} is the connection's own (what waited before), not the loop's read buffer, which is reused.
   */
  void keep(ByteBuffer in, boolean owned) {
    if (owned && kept == null) {
      kept = in;
    } else {
      int extra = in.remaining();
      ByteBuffer merged = ByteBuffer.allocate((kept == null ? 0 : kept.remaining()) + extra);
      if (kept != null) {
        merged.put(kept);
      }
      merged.put(in).flip();
      kept = merged;
    }
    suspendReading();
  }

  /** The input that waited, now the caller's to parse; null when none. */
  ByteBuffer take() {
    ByteBuffer input = kept;
    kept = null;
    return input;
  }

  /**
   * After an upgrade: the input that came behind the handshake goes to {@code next}, the
   * connection's new handler, and reading resumes.
   */
  void handTo(ConnectionHandler next) {
    ByteBuffer input = take();
    if (input != null) {
      next.onData(connection, input);
    }
    resumeReading();
  }

  /** Asks the loop to stop reading, for as long as a response is pending or input waits. */
  void suspendReading() {
    if (!suspended) {
      suspended = true;
      connection.suspendReading();
    }
  }

  /** Reads again, if reading was stopped. */
  void resumeReading() {
    if (suspended) {
      suspended = false;
      connection.resumeReading();
    }
  }

  /** The bytes of input waiting, for the connection's accounting. */
  long heldBytes() {
    return kept == null ? 0 : kept.capacity();
  }

  /** The connection closed: what waited is dropped. */
  void release() {
    kept = null;
  }
}
