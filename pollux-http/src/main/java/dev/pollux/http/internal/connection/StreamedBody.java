package dev.pollux.http.internal.connection;

import dev.pollux.http.HttpServerOptions;
import dev.pollux.http.internal.streams.BodyStream;
import dev.pollux.http.internal.streams.ChunkedStream;
import dev.pollux.http.internal.streams.SseStream;
import dev.pollux.http.internal.streams.StreamSink;
import dev.pollux.loop.Connection;
import java.lang.System.Logger.Level;

/**
 * The body of a connection's current streamed response (chunked, or server-sent events), from the
 * end of its head to its last chunk: the {@link StreamSink} its stream writes through. Only the
 * current stream writes; one that ended, or that the connection never started, writes nowhere. An
 * event stream gets its heartbeat and is drained whenever the connection takes more; when it ends,
 * the connection goes on with the requests that waited.
 *
 * <p>Loop thread only.
 */
final class StreamedBody implements StreamSink {

  private static final System.Logger LOG = System.getLogger(StreamedBody.class.getName());

  /** What a stream gathers before it is handed to the connection even without a flush. */
  static final int GATHER_LIMIT_BYTES = 16 * 1024;

  private final HttpConnection owner;
  private final Connection connection;
  private final ResponseWriter writer;
  private final HttpServerOptions options;
  private BodyStream current; // set exactly while the connection is STREAMING

  StreamedBody(
      HttpConnection owner,
      Connection connection,
      ResponseWriter writer,
      HttpServerOptions options) {
    this.owner = owner;
    this.connection = connection;
    this.writer = writer;
    this.options = options;
  }

  /** A chunked body of unknown length, for {@code Response.stream()}. */
  ChunkedStream newChunkedStream() {
    return new ChunkedStream(this, connection.loop());
  }

  /** An event stream with the server's queue capacity and stall timeout. */
  SseStream newEventStream() {
    return new SseStream(
        this, connection.loop(), options.eventQueueCapacity(), options.streamStallTimeout());
  }

  /** The head of {@code s}'s response is out: its body goes on from here. */
  void start(BodyStream s) {
    current = s;
    if (s instanceof SseStream events) {
      events.startHeartbeat(options.eventHeartbeat());
      events.drain();
    }
  }

  @Override
  public boolean streamWritable() {
    return current != null && connection.isWritable();
  }

  @Override
  public void streamBytes(BodyStream s, byte[] bytes) {
    if (current == s) {
      writer.chunk(bytes);
      if (writer.gathered() >= GATHER_LIMIT_BYTES) {
        // Hand it over, so that streamWritable() sees it: a stream draining a full queue in one
        // go would otherwise pass the watermark and the memory budget by the whole queue.
        writer.flush();
      }
    }
  }

  @Override
  public void streamFlush(BodyStream s) {
    if (current == s) {
      writer.flush();
    }
  }

  @Override
  public void endStream(BodyStream s) {
    if (current != s) {
      return;
    }
    if (s instanceof SseStream events) {
      events.stopHeartbeat();
    }
    writer.endStream();
    current = null;
    owner.responseDone();
  }

  @Override
  public void streamStalled(BodyStream s) {
    if (current == s) {
      LOG.log(Level.DEBUG, () -> "client " + connection.remoteAddress() + " stopped reading");
      connection.abort(); // what is queued cannot reach it
    }
  }

  @Override
  public void reportHeld() {
    owner.reportHeld();
  }

  /** The connection drained below its low watermark: an event stream writes what queued. */
  void writable() {
    if (current instanceof SseStream events) {
      events.drain();
    }
  }

  /** The server shuts down: an event stream ends cleanly; false when there is none. */
  boolean shutdown() {
    if (current instanceof SseStream events) {
      events.markClosed();
      endStream(events);
      return true;
    }
    return false;
  }

  /** The connection closed: the stream, if any, ends where it got to. */
  void closed() {
    if (current != null) {
      current.ended();
    }
    current = null;
  }

  /** The bytes an event stream holds queued, for the connection's accounting. */
  long heldBytes() {
    return current instanceof SseStream events ? events.queuedBytes() : 0;
  }
}
