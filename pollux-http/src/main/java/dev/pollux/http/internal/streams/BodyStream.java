package dev.pollux.http.internal.streams;

/**
 * A response body that is written over time: a {@link ChunkedStream} or an {@link SseStream}. The
 * connection keeps the current one and ignores writes from any other (an ended one).
 */
public sealed interface BodyStream permits ChunkedStream, SseStream {

  /** The connection ended the stream (closed, shut down, or the stream never started). */
  void ended();
}
