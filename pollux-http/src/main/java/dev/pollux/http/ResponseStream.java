package dev.pollux.http;

/**
 * A response body of unknown length, sent as it is written: chunked on HTTP/1.1 (RFC 9112 §7.1),
 * delimited by closing the connection on HTTP/1.0. Callable from any thread; writes from one thread
 * keep their order. {@link #close()} ends the response.
 *
 * <p>For {@code HEAD} the response is the head alone: the stream is closed at once and its writes
 * go nowhere, so a handler written for {@code GET} needs no special case. The same holds once the
 * client has gone.
 */
public interface ResponseStream extends AutoCloseable {

  /**
   * Sends {@code bytes} as the next piece of the body; the stream takes ownership of the array.
   * Dropped when the stream was ended by the connection (HEAD, client gone); after {@link #close()}
   * an {@link IllegalStateException}.
   */
  void write(byte[] bytes);

  /** Sends {@code text} as UTF-8. */
  void write(String text);

  /** Ends the body. Idempotent. */
  @Override
  void close();

  /** False once closed, or once the connection has gone. */
  boolean isOpen();
}
