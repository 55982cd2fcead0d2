package dev.pollux.http.internal.streams;

import dev.pollux.http.ResponseStream;
import dev.pollux.loop.EventLoop;
import java.nio.charset.StandardCharsets;

/**
 * A {@link ResponseStream}: each write becomes one chunk, carried to the loop in order (tasks from
 * one thread run in the order they were submitted).
 *
 * <p>Once the connection ended the stream (the client left, the server shut down, or the request
 * was {@code HEAD}, whose response is the head alone), writes are dropped: a handler written for
 * {@code GET} serves {@code HEAD} unchanged and sees {@link #isOpen()} false. Writing after the
 * handler's own {@link #close()} is a bug and throws.
 */
public final class ChunkedStream implements ResponseStream, BodyStream {

  private final StreamSink connection;
  private final EventLoop loop;
  private volatile boolean open = true;
  private volatile boolean closedByHandler;

  /** A stream written through {@code connection} on {@code loop}. */
  public ChunkedStream(StreamSink connection, EventLoop loop) {
    this.connection = connection;
    this.loop = loop;
  }

  @Override
  public void write(byte[] bytes) {
    if (closedByHandler) {
      throw new IllegalStateException("write after close");
    }
    if (!open || bytes.length == 0) {
      return; // ended by the connection; or empty, and an empty chunk would end the body
    }
    onLoop(
        () -> {
          connection.streamBytes(this, bytes);
          connection.streamFlush(this);
        });
  }

  @Override
  public void write(String text) {
    write(text.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void close() {
    closedByHandler = true;
    if (open) {
      open = false;
      onLoop(() -> connection.endStream(this));
    }
  }

  @Override
  public boolean isOpen() {
    return open;
  }

  @Override
  public void ended() {
    open = false;
  }

  private void onLoop(Runnable task) {
    if (loop.inLoop()) {
      task.run();
    } else {
      loop.execute(task);
    }
  }
}
