package dev.pollux.http;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * What a handler answers, without knowing the wire format: a status, header fields and a body given
 * as bytes, a buffer, a file region (sent zero-copy), a stream of unknown length, or a stream of
 * server-sent events. The server adds {@code Date}, {@code Server}, {@code Content-Length} or
 * chunked framing, and {@code Connection} itself.
 *
 * <p>{@link #status} and {@link #header} are called before the body, by the thread that completes
 * the response. The completing methods ({@code send...}, {@link #stream()}, {@link #eventStream()},
 * {@link #problem}, {@link #upgradeToWebSocket}) may be called from any thread, exactly once; the
 * bytes go out on the connection's loop, in request order. For {@code HEAD} the same header fields
 * are sent without a body.
 */
public interface Response {

  /** Sets the status (default 200). */
  Response status(int status);

  /**
   * Adds a header field. The framing fields ({@code Content-Length}, {@code Transfer-Encoding},
   * {@code Connection}) and {@code Date}/{@code Server} are the server's: IllegalArgumentException.
   */
  Response header(String name, String value);

  /** Sets {@code Content-Type}, e.g. {@code application/json}. */
  Response contentType(String type);

  /** Sends {@code body}; the response takes ownership of the array. */
  void send(byte[] body);

  /** Sends {@code body} as UTF-8; adds {@code text/plain; charset=utf-8} if no type was set. */
  void send(String body);

  /** Sends {@code body} from its position to its limit; the response takes ownership. */
  void send(ByteBuffer body);

  /** Sends the response with no body (Content-Length 0; none at all for 204 and 304). */
  void send();

  /**
   * Sends {@code count} bytes of {@code file} from {@code position}, zero-copy where the transport
   * can; the response closes {@code file}.
   */
  void sendFile(FileChannel file, long position, long count);

  /** Sends an {@code application/problem+json} body (RFC 9457) with a fixed {@code detail}. */
  void problem(int status, String detail);

  /** Starts a body of unknown length; see {@link ResponseStream}. */
  ResponseStream stream();

  /** Starts a server-sent event stream ({@code 200}, {@code text/event-stream}). */
  EventStream eventStream();

  /**
   * Answers a WebSocket opening handshake (RFC 6455 §4.2) with {@code 101} and hands the connection
   * to {@code listener}. Of the subprotocols the client offers ({@code Sec-WebSocket-Protocol}) the
   * first that is in {@code subprotocols} is chosen; none when nothing matches. When the request is
   * no valid handshake the response is answered instead — {@code 426} with {@code
   * Sec-WebSocket-Version: 13} for another version, {@code 400} for a missing or invalid key, a
   * method other than GET, or missing {@code Upgrade}/{@code Connection} tokens — and the returned
   * WebSocket is closed (its sends are dropped, the listener is never called).
   */
  WebSocket upgradeToWebSocket(WebSocketListener listener, String... subprotocols);

  /** True once a completing method has been called. */
  boolean isCommitted();
}
