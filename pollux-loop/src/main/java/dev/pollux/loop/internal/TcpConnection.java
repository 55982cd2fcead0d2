package dev.pollux.loop.internal;

import dev.pollux.loop.Connection;
import dev.pollux.loop.ConnectionHandler;
import dev.pollux.loop.EventLoop;
import dev.pollux.loop.HostPort;
import dev.pollux.loop.spi.Poller;
import dev.pollux.loop.spi.ReadyHandler;
import dev.pollux.loop.spi.Registration;
import dev.pollux.loop.spi.StreamSocket;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A {@link Connection} driven by a {@link PollingLoop} over any transport's {@link StreamSocket}.
 *
 * <p>Reads go into the loop's one direct buffer (an idle connection holds none), at most {@link
 * #READ_BUDGET_BYTES} per wake-up. Writes are queued in its {@link Outbound} and flushed at the end
 * of the iteration, at most {@link Outbound#WRITE_BUDGET_BYTES} per flush; a full socket or a spent
 * budget turns on write interest. Past the high watermark reading stops; at or below the low
 * watermark it resumes and {@code onWritable} is called.
 *
 * <p>The connection's life is one {@link ConnectionPhase}; beside it, four conditions hold reading
 * back (the peer's end of stream, the handler's {@link #suspendReading()}, the high watermark, and
 * the group's memory budget: over it, a read that would make more output waits until the group is
 * back under it, see {@link LoopBudget}).
 */
final class TcpConnection implements Connection, ReadyHandler {

  private static final System.Logger LOG = System.getLogger(TcpConnection.class.getName());
  private static final AtomicLong IDS = new AtomicLong();

  /** Bytes read per connection per wake-up at most (fairness between connections). */
  static final int READ_BUDGET_BYTES = 4 * PollingLoop.READ_BUFFER_BYTES;

  private final long id = IDS.incrementAndGet();
  private final PollingLoop loop;
  private final StreamSocket socket;
  private final ServerContext server;
  private final Outbound output;
  private final IdleTimer idle;
  private final HeldBytes held;

  // Loop thread only.
  private ConnectionHandler handler;
  private Registration registration;
  private ConnectionPhase phase = ConnectionPhase.OPEN;
  private boolean inputClosed; // the peer's end of stream was read
  private boolean readSuspended; // by the handler
  private boolean heldForMemory; // reading waits until the group is back under its budget
  private boolean writableForMemory; // told "not writable" for the budget: onWritable is owed

  TcpConnection(PollingLoop loop, StreamSocket socket, ServerContext server) {
    this.loop = loop;
    this.socket = socket;
    this.server = server;
    this.output = new Outbound(server.lowWatermarkBytes, server.highWatermarkBytes);
    this.idle = new IdleTimer(loop, server.idleTimeoutNanos, this::idleExpired);
    this.held = new HeldBytes(loop);
  }

  /** Registers with the loop and opens the handler; on the loop thread. */
  void open() {
    if (!loop.accepting()) {
      closeUnregistered("the loop is shutting down");
      return;
    }
    try {
      registration = loop.poller().register(socket, Poller.READ, this);
    } catch (IOException e) {
      closeUnregistered(e.toString());
      return;
    }
    loop.added(this);
    account();
    idle.start();
    try {
      handler = server.handlers.newHandler(this);
      handler.onOpen(this);
    } catch (RuntimeException | Error e) {
      handlerFailed(e);
    }
  }

  private void closeUnregistered(String why) {
    LOG.log(Level.DEBUG, "{0}: dropping {1}: {2}", server.name, socket, why);
    phase = ConnectionPhase.CLOSED;
    closeSocket(true);
    server.open.decrementAndGet();
  }

  @Override
  public void ready(int readyOps) {
    if ((readyOps & Poller.READ) != 0 && readingAllowed()) {
      read();
    }
    if ((readyOps & Poller.WRITE) != 0 && phase != ConnectionPhase.CLOSED) {
      flush();
    }
  }

  private boolean readingAllowed() {
    return phase.reads() && !inputClosed && !readSuspended && !heldForMemory && !output.aboveHigh();
  }

  private void read() {
    ByteBuffer buffer = loop.readBuffer();
    int budget = READ_BUDGET_BYTES;
    while (budget > 0 && readingAllowed()) {
      if (loop.overMemoryBudget()) {
        // Each read can turn into a write queue's worth of output: over the budget, reading
        // waits, or a thousand connections ready at once would each add theirs before the
        // iteration's end checks the budget.
        heldForMemory = true;
        updateInterest();
        loop.waitForMemory(this);
        return;
      }
      buffer.clear();
      int n;
      try {
        n = socket.read(buffer);
      } catch (IOException e) {
        peerGone(e);
        return;
      }
      if (n <= 0) {
        if (n < 0) {
          inputEnded();
        }
        return;
      }
      server.bytesRead.add(n);
      idle.activity();
      budget -= n;
      buffer.flip();
      try {
        handler.onData(this, buffer);
      } catch (RuntimeException | Error e) {
        handlerFailed(e);
        return;
      }
      if (n < buffer.capacity()) {
        return; // the socket is most likely drained: do not pay for a read that finds nothing
      }
    }
  }

  private void inputEnded() {
    inputClosed = true;
    updateInterest();
    if (phase == ConnectionPhase.OUTPUT_SHUT) {
      finish(null, false);
      return;
    }
    call(h -> h.onInputClosed(this));
  }

  /** Writes what is queued; called once per iteration when queued, and on write readiness. */
  void flush() {
    output.flushing();
    if (phase == ConnectionPhase.CLOSED) {
      return;
    }
    try {
      long written = output.writeTo(socket, loop.gatherArray());
      if (written > 0) {
        server.bytesWritten.add(written);
        idle.activity();
        account();
      }
      if (output.isEmpty()) {
        if (phase == ConnectionPhase.CLOSING) {
          finish(null, false);
          return;
        }
        if (phase == ConnectionPhase.OUTPUT_SHUTTING) {
          socket.shutdownOutput();
          phase = ConnectionPhase.OUTPUT_SHUT;
          if (inputClosed) {
            finish(null, false);
            return;
          }
        }
      }
    } catch (IOException e) {
      peerGone(e);
      return;
    }
    if (output.drainedToLow()) {
      call(h -> h.onWritable(this));
    }
    updateInterest();
  }

  private void updateInterest() {
    if (phase != ConnectionPhase.CLOSED) {
      registration.interest(
          (readingAllowed() ? Poller.READ : 0) | (output.awaitsWritable() ? Poller.WRITE : 0));
    }
  }

  private void queued() {
    account();
    if (output.passedHigh()) {
      updateInterest();
    }
    flushSoon();
  }

  private void flushSoon() {
    if (output.scheduleFlush()) {
      loop.flushLater(this);
    }
  }

  @Override
  public void write(ByteBuffer data) {
    checkInLoop();
    if (phase != ConnectionPhase.OPEN || !data.hasRemaining()) {
      return;
    }
    output.add(data);
    queued();
  }

  @Override
  public void writeFile(FileChannel file, long position, long count) {
    checkInLoop();
    if (phase != ConnectionPhase.OPEN || count <= 0) {
      WriteQueue.closeFile(file);
      return;
    }
    output.add(new FileRegion(file, position, count));
    queued();
  }

  @Override
  public long queuedBytes() {
    return output.bytes();
  }

  @Override
  public void reportHeldBytes(long bytes) {
    checkInLoop();
    held.report(bytes);
    account();
  }

  /** The bytes this connection holds, as last counted against the memory budget. */
  long heldBytes() {
    return held.bytes();
  }

  /** Brings the loop's held bytes up to date with this connection's. */
  private void account() {
    if (phase == ConnectionPhase.CLOSED) {
      held.release();
    } else {
      held.update(output.bufferBytes());
    }
  }

  /**
   * The group is back under its memory budget: reading resumes, if nothing else holds it, and a
   * handler told that the connection was not writable hears that it is.
   */
  void memoryReleased() {
    if (heldForMemory) {
      heldForMemory = false;
      updateInterest();
    }
    if (writableForMemory) {
      writableForMemory = false;
      if (phase == ConnectionPhase.OPEN && !output.aboveHigh()) {
        call(h -> h.onWritable(this));
      }
    }
  }

  /** The group holds too much and this connection is among the biggest: let it go now. */
  void closeOverBudget() {
    LOG.log(
        Level.DEBUG,
        "{0}: {1} closed for memory: it held {2} bytes",
        server.name,
        this,
        held.bytes());
    finish(new IOException("closed to bring the server back under its memory budget"), true);
  }

  @Override
  public boolean isWritable() {
    if (output.aboveHigh()) {
      return false;
    }
    if (loop.overMemoryBudget()) {
      // What a handler writes only when writable (a stream's next events, pipelined answers)
      // waits in its own bounded queue until the group is back under its budget.
      if (!writableForMemory && loop.inLoop()) {
        writableForMemory = true;
        loop.waitForMemory(this);
      }
      return false;
    }
    return true;
  }

  @Override
  public void suspendReading() {
    checkInLoop();
    readSuspended = true;
    updateInterest();
  }

  @Override
  public void resumeReading() {
    checkInLoop();
    readSuspended = false;
    updateInterest();
  }

  @Override
  public void setIdleTimeout(Duration timeout) {
    checkInLoop();
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("idle timeout < 0: " + timeout);
    }
    if (phase != ConnectionPhase.CLOSED) {
      idle.timeout(timeout.toNanos());
    }
  }

  private void idleExpired() {
    if (phase == ConnectionPhase.CLOSING) {
      // Closing, but the peer does not take the rest of the output: give up on it.
      LOG.log(Level.DEBUG, "{0}: {1} idle while closing; aborting", server.name, this);
      finish(null, true);
      return;
    }
    call(h -> h.onIdle(this));
  }

  @Override
  public void shutdownOutput() {
    checkInLoop();
    if (phase == ConnectionPhase.OPEN) {
      phase = ConnectionPhase.OUTPUT_SHUTTING;
      flushSoon();
    }
  }

  @Override
  public void close() {
    checkInLoop();
    if (!isOpen()) {
      return;
    }
    phase = ConnectionPhase.CLOSING;
    updateInterest();
    flushSoon();
  }

  @Override
  public void abort() {
    checkInLoop();
    finish(null, true);
  }

  /** The group is shutting down: the handler decides how to finish. */
  void shutdown() {
    if (phase == ConnectionPhase.CLOSED) {
      return;
    }
    call(h -> h.onShutdown(this));
  }

  /** The grace period is over. */
  void abortOnShutdown() {
    finish(new IOException("the server shut down before the connection closed"), true);
  }

  @Override
  public boolean isOpen() {
    return phase.reads();
  }

  private void peerGone(IOException e) {
    LOG.log(Level.DEBUG, "{0}: {1} gone: {2}", server.name, this, e.toString());
    finish(e, true);
  }

  /** Calls the handler; if it throws, the connection is aborted and the loop goes on. */
  private void call(Consumer<ConnectionHandler> event) {
    try {
      event.accept(handler);
    } catch (RuntimeException | Error e) {
      handlerFailed(e);
    }
  }

  private void handlerFailed(Throwable e) {
    if (e instanceof VirtualMachineError error) {
      throw error;
    }
    LOG.log(Level.WARNING, server.name + ": handler of " + this + " failed; aborting it", e);
    finish(e, true);
  }

  /** Releases everything once and tells the handler last. */
  private void finish(Throwable cause, boolean reset) {
    if (phase == ConnectionPhase.CLOSED) {
      return;
    }
    phase = ConnectionPhase.CLOSED;
    registration.cancel();
    closeSocket(reset);
    output.discard();
    account();
    idle.stop();
    server.open.decrementAndGet();
    if (handler != null) {
      try {
        handler.onClosed(this, cause);
      } catch (RuntimeException | Error e) {
        if (e instanceof VirtualMachineError error) {
          throw error;
        }
        LOG.log(Level.WARNING, server.name + ": onClosed of " + this + " failed", e);
      }
    }
    loop.removed(this);
  }

  private void closeSocket(boolean reset) {
    try {
      if (reset) {
        socket.abort();
      } else {
        socket.close();
      }
    } catch (IOException e) {
      LOG.log(Level.DEBUG, "{0}: closing {1}: {2}", server.name, this, e.toString());
    }
  }

  private void checkInLoop() {
    if (!loop.inLoop()) {
      String thread = Thread.currentThread().getName();
      throw new IllegalStateException(this + " used on " + thread + ", not on " + loop.name());
    }
  }

  @Override
  public long id() {
    return id;
  }

  @Override
  public InetSocketAddress remoteAddress() {
    return socket.remoteAddress();
  }

  @Override
  public InetSocketAddress localAddress() {
    return socket.localAddress();
  }

  @Override
  public EventLoop loop() {
    return loop;
  }

  @Override
  public String toString() {
    return "connection " + id + " from " + HostPort.of(socket.remoteAddress());
  }
}
