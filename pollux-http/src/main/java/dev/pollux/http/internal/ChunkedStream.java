package dev.pollux.http.internal;

import dev.pollux.http.ResponseStream;
import dev.pollux.loop.EventLoop;
import java.nio.charset.StandardCharsets;

/**
 * A {@link ResponseStream}: each write becomes one chunk, carried to the loop in order (tasks from
 * one thread run in the order they were submitted).
 */
final class ChunkedStream implements ResponseStream, BodyStream {

  private final HttpConnection connection;
  private final EventLoop loop;
  private volatile boolean open = true;

  ChunkedStream(HttpConnection connection, EventLoop loop) {
    this.connection = connection;
    this.loop = loop;
  }

  @Override
  public void write(byte[] bytes) {
    if (!open) {
      throw new IllegalStateException("stream closed");
    }
    if (bytes.length == 0) {
      return; // an empty chunk would end the body
    }
    onLoop(() -> connection.streamBytes(this, bytes));
  }

  @Override
  public void write(String text) {
    write(text.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void close() {
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
