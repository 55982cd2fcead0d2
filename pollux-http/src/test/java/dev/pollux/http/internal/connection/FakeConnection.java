package dev.pollux.http.internal.connection;

import dev.pollux.loop.Connection;
import dev.pollux.loop.EventLoop;
import dev.pollux.loop.Timeout;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link Connection} on a pretend loop, for unit tests of {@link HttpConnection}: the test thread
 * is the loop, tasks run at once, timers fire when the test says ({@link #fireTimers()}), written
 * bytes are kept (or counted only) and queued against a pretend high watermark until {@link
 * #drain()}, and the bytes the handler reports it holds are kept in {@link #held}.
 */
final class FakeConnection implements Connection, EventLoop {

  final ByteArrayOutputStream written = new ByteArrayOutputStream();
  boolean keepWrites = true;
  long bytesWritten;
  boolean open = true;
  boolean aborted;
  long highWatermark = Long.MAX_VALUE;
  long queued;
  long held;
  final List<Runnable> timers = new ArrayList<>();
  private final EventLoop loop; // another fake's, for connections sharing a loop; else this one

  /** A connection that is its own loop. */
  FakeConnection() {
    this.loop = null;
  }

  /** A connection on {@code loop}, another fake connection's, as connections share a loop. */
  FakeConnection(FakeConnection loop) {
    this.loop = loop;
  }

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
    return loop == null ? this : loop;
  }

  @Override
  public void write(ByteBuffer data) {
    bytesWritten += data.remaining();
    queued += data.remaining();
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
    return queued;
  }

  @Override
  public boolean isWritable() {
    return queued < highWatermark;
  }

  @Override
  public void reportHeldBytes(long bytes) {
    held = bytes;
  }

  /** The peer read everything queued. */
  void drain() {
    queued = 0;
  }

  /** Runs the timers armed so far, as if their time had come; true when there were any. */
  boolean fireTimers() {
    List<Runnable> due = List.copyOf(timers);
    timers.clear();
    due.forEach(Runnable::run);
    return !due.isEmpty();
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
    aborted = true;
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
    timers.add(task);
    return () -> timers.remove(task);
  }

  @Override
  public long nanoTime() {
    return System.nanoTime();
  }
}
