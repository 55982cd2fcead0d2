package dev.pollux.http;

/**
 * A response body of unknown length, sent as it is written: chunked on HTTP/1.1 (RFC 9112 §7.1),
 * delimited by closing the connection on HTTP/1.0. Callable from any thread; writes from one thread
 * keep their order. {@link #close()} ends the response.
 */
public interface ResponseStream extends AutoCloseable {

  /** Sends {@code bytes} as the next piece of the body; the stream takes ownership of the array. */
  void write(byte[] bytes);

  /** Sends {@code text} as UTF-8. */
  void write(String text);

  /** Ends the body. Idempotent. */
  @Override
  void close();

  /** False once closed, or once the connection has gone. */
  boolean isOpen();
}
