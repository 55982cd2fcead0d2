package dev.pollux.http.internal;

import dev.pollux.loop.Connection;
import dev.pollux.loop.EventLoop;
import dev.pollux.loop.Timeout;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.time.Duration;

/**
 * A {@link Connection} on a pretend loop, for unit tests of {@link HttpConnection}: the test thread
 * is the loop, tasks run at once, timers never fire, and written bytes are kept (or counted only).
 */
final class FakeConnection implements Connection, EventLoop {

  final ByteArrayOutputStream written = new ByteArrayOutputStream();
  boolean keepWrites = true;
  long bytesWritten;
  boolean open = true;

  @Override
  public long id() {
    return 1;
  }

  @Override
  public InetSocketAddress remoteAddress() {
    return InetSocketAddress.createUnresolved("peer", 1);
  }

  @Override
  public InetSocketAddress localAddress() {
    return InetSocketAddress.createUnresolved("local", 2);
  }

  @Override
  public EventLoop loop() {
    return this;
  }

  @Override
  public void write(ByteBuffer data) {
    bytesWritten += data.remaining();
    if (keepWrites) {
      byte[] bytes = new byte[data.remaining()];
      data.get(bytes);
      written.writeBytes(bytes);
    }
  }

  @Override
  public void writeFile(FileChannel file, long position, long count) {
    try {
      file.close();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Override
  public long queuedBytes() {
    return 0;
  }

  @Override
  public boolean isWritable() {
    return true;
  }

  @Override
  public void suspendReading() {}

  @Override
  public void resumeReading() {}

  @Override
  public void setIdleTimeout(Duration timeout) {}

  @Override
  public void shutdownOutput() {}

  @Override
  public void close() {
    open = false;
  }

  @Override
  public void abort() {
    open = false;
  }

  @Override
  public boolean isOpen() {
    return open;
  }

  @Override
  public String name() {
    return "fake";
  }

  @Override
  public boolean inLoop() {
    return true;
  }

  @Override
  public void execute(Runnable task) {
    task.run();
  }

  @Override
  public Timeout schedule(Duration delay, Runnable task) {
    return () -> true;
  }

  @Override
  public long nanoTime() {
    return System.nanoTime();
  }
}
