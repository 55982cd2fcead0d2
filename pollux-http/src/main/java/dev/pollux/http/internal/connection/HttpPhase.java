package dev.pollux.http.internal.connection;

/**
 * Where an {@link HttpConnection} is. Each phase names what the connection may hold beside its
 * write queue (which the loop bounds by its watermarks) and the limits that bound it; the
 * connection tells the loop the total.
 */
enum HttpPhase {
  /**
   * Between requests or reading one: the head array (at most {@code maxRequestLineBytes} plus
   * {@code maxHeaderBytes}) and a body spread over reads, grown with the bytes received up to the
   * route's {@code maxBodyBytes}. The whole request must arrive within {@code headerReadTimeout}.
   */
  READING,
  /** A handler has the request: the input after it waits unparsed (one read; reading stops). */
  DISPATCHED,
  /**
   * A body written over time (chunked, or server-sent events): an event stream's queue ({@code
   * eventQueueCapacity} events, closed when full for {@code streamStallTimeout}) and, unparsed, the
   * input after the request (one read).
   */
  STREAMING,
  /** The output is above its high watermark: pipelined requests wait unparsed (one read). */
  OUTPUT_BLOCKED,
  /**
   * The connection carries a WebSocket: the frame and message being received (at most {@code
   * webSocketMaxMessageBytes}) and the send queue ({@code webSocketQueueCapacity} messages).
   */
  UPGRADED,
  /** Closed by either side, or closing once the last response is out: nothing more is read. */
  CLOSED;

  /** True while a response is pending: a handler works, or a body streams. */
  boolean awaitsResponse() {
    return this == DISPATCHED || this == STREAMING;
  }
}
