package dev.pollux.http;

/**
 * A server-sent event stream to one client ({@code text/event-stream}, WHATWG HTML §9.2). Events
 * can be sent from any thread. Each stream has a bounded queue: when the client reads slower than
 * events come, the oldest queued events are dropped (and counted) so that it gets the latest ones,
 * never an ever-growing backlog. A heartbeat comment keeps idle streams and proxies alive; the
 * stream ends cleanly when the server shuts down. For {@code HEAD} the response is the head alone:
 * the stream is closed at once (its close actions run) and events sent to it are dropped.
 */
public interface EventStream extends AutoCloseable {

  /** Queues an event named {@code event} (may be null) with {@code data} (may contain newlines). */
  void send(String event, String data);

  /** Queues an unnamed event (a {@code message}). */
  default void send(String data) {
    send(null, data);
  }

  /** Events dropped so far because this client fell behind. */
  long dropped();

  /** False once closed by either side. */
  boolean isOpen();

  /** Runs {@code action} once when the stream ends (either side); at once if it already has. */
  void onClose(Runnable action);

  /** Ends the stream. Idempotent. */
  @Override
  void close();
}
