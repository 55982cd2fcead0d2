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
 * #READ_BUDGET_BYTES} per wake-up. Writes are queued and flushed at the end of the iteration, at
 * most {@link #WRITE_BUDGET_BYTES} per flush; a full socket or a spent budget turns on write
 * interest. Past the high watermark reading stops (checked after every read, so at most one read's
 * worth of output lands above it); at or below the low watermark it resumes and {@code onWritable}
 * is called.
 *
 * <p>The connection's life is one {@link Phase}; beside it, three conditions hold reading back (the
 * peer's end of stream, the handler's {@link #suspendReading()}, the high watermark) and {@link
 * Flush} says how the queued output will next be written.
 */
final class TcpConnection implements Connection, ReadyHandler {

  private static final System.Logger LOG = System.getLogger(TcpConnection.class.getName());
  private static final AtomicLong IDS = new AtomicLong();

  /** Bytes read per connection per wake-up at most (fairness between connections). */
  static final int READ_BUDGET_BYTES = 4 * PollingLoop.READ_BUFFER_BYTES;

  /** Bytes written per connection per flush at most (fairness between connections). */
  static final long WRITE_BUDGET_BYTES = 256 * 1024;

  /**
   * What an open connection costs on the heap besides its buffers (this object, its socket and
   * registration, its timer, its handler), counted against the memory budget so that many empty
   * connections count too. Measured with nio and epoll: see docs/robustness.md.
   */
  static final long CONNECTION_BYTES = 1024;

  /** Where a connection is in its life, and what it may hold in each phase. */
  private enum Phase {
    /**
     * Reading and writing. Holds the write queue (up to about the high watermark, plus the output
     * of the one read that passed it, or one larger write) and what the handler reports.
     */
    OPEN,
    /**
     * {@link #shutdownOutput()} asked: writes are dropped, the queue drains, then FIN. Still reads.
     * Holds the queue being drained and what the handler reports.
     */
    OUTPUT_SHUTTING,
    /** FIN sent; still reads until the peer's end of stream. Holds what the handler reports. */
    OUTPUT_SHUT,
    /**
     * {@link #close()} asked: no reads, writes dropped; the queue drains (no longer than the idle
     * timeout), then the socket closes. Holds the queue being drained.
     */
    CLOSING,
    /** Released: socket closed, queue dropped, handler told. Holds nothing. */
    CLOSED;

    /** Whether the peer's bytes are still wanted. */
    boolean reads() {
      return this == OPEN || this == OUTPUT_SHUTTING || this == OUTPUT_SHUT;
    }
  }

  /** How the queued output is written next. */
  private enum Flush {
    /** Nothing scheduled: the queue is empty, or nothing was queued since the last flush. */
    IDLE,
    /** In the loop's flush queue: written at the end of this iteration. */
    QUEUED,
    /** The socket was full: written when the poller reports it writable. */
    AWAITING_WRITABLE
  }

  private final long id = IDS.incrementAndGet();
  private final PollingLoop loop;
  private final StreamSocket socket;
  private final ServerContext server;
  private final WriteQueue output = new WriteQueue();
  private final IdleTimer idle;

  // Loop thread only.
  private ConnectionHandler handler;
  private Registration registration;
  private Phase phase = Phase.OPEN;
  private Flush flush = Flush.IDLE;
  private boolean inputClosed; // the peer's end of stream was read
  private boolean readSuspended; // by the handler
  private boolean aboveHigh; // the queue passed the high watermark and has not drained to the low
  private long reportedBytes; // what the handler says it holds
  private long accountedBytes; // what this connection has added to the loop's held bytes

  TcpConnection(PollingLoop loop, StreamSocket socket, ServerContext server) {
    this.loop = loop;
    this.socket = socket;
    this.server = server;
    this.idle = new IdleTimer(loop, server.idleTimeoutNanos, this::idleExpired);
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
    phase = Phase.CLOSED;
    closeSocket(true);
    server.open.decrementAndGet();
  }

  @Override
  public void ready(int readyOps) {
    if ((readyOps & Poller.READ) != 0 && readingAllowed()) {
      read();
    }
    if ((readyOps & Poller.WRITE) != 0 && phase != Phase.CLOSED) {
      flush = Flush.IDLE;
      flush();
    }
  }

  private boolean readingAllowed() {
    return phase.reads() && !inputClosed && !readSuspended && !aboveHigh;
  }

  private void read() {
    ByteBuffer buffer = loop.readBuffer();
    int budget = READ_BUDGET_BYTES;
    while (budget > 0 && readingAllowed()) {
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
    if (phase == Phase.OUTPUT_SHUT) {
      finish(null, false);
      return;
    }
    call(h -> h.onInputClosed(this));
  }

  /** Writes what is queued; called once per iteration when queued, and on write readiness. */
  void flush() {
    flush = Flush.IDLE;
    if (phase == Phase.CLOSED) {
      return;
    }
    try {
      long written = output.writeTo(socket, loop.gatherArray(), WRITE_BUDGET_BYTES);
      if (written > 0) {
        server.bytesWritten.add(written);
        idle.activity();
        account();
      }
      if (output.isEmpty()) {
        if (phase == Phase.CLOSING) {
          finish(null, false);
          return;
        }
        if (phase == Phase.OUTPUT_SHUTTING) {
          socket.shutdownOutput();
          phase = Phase.OUTPUT_SHUT;
          if (inputClosed) {
            finish(null, false);
            return;
          }
        }
      } else {
        // The socket is full or the budget is spent: level-triggered write readiness resumes.
        flush = Flush.AWAITING_WRITABLE;
      }
    } catch (IOException e) {
      peerGone(e);
      return;
    }
    if (aboveHigh && output.bytes() <= server.lowWatermarkBytes) {
      aboveHigh = false;
      call(h -> h.onWritable(this));
    }
    updateInterest();
  }

  private void updateInterest() {
    if (phase != Phase.CLOSED) {
      registration.interest(
          (readingAllowed() ? Poller.READ : 0)
              | (flush == Flush.AWAITING_WRITABLE ? Poller.WRITE : 0));
    }
  }

  private void queued() {
    account();
    if (!aboveHigh && output.bytes() > server.highWatermarkBytes) {
      aboveHigh = true;
      updateInterest();
    }
    flushSoon();
  }

  private void flushSoon() {
    if (flush == Flush.IDLE) {
      flush = Flush.QUEUED;
      loop.flushLater(this);
    }
  }

  @Override
  public void write(ByteBuffer data) {
    checkInLoop();
    if (phase != Phase.OPEN || !data.hasRemaining()) {
      return;
    }
    output.add(data);
    queued();
  }

  @Override
  public void writeFile(FileChannel file, long position, long count) {
    checkInLoop();
    if (phase != Phase.OPEN || count <= 0) {
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
    if (bytes < 0) {
      throw new IllegalArgumentException("held bytes < 0: " + bytes);
    }
    reportedBytes = bytes;
    account();
  }

  /** The bytes this connection holds, as last counted against the memory budget. */
  long heldBytes() {
    return accountedBytes;
  }

  /** Brings the loop's held bytes up to date with this connection's. */
  private void account() {
    long now = phase == Phase.CLOSED ? 0 : CONNECTION_BYTES + reportedBytes + output.bufferBytes();
    if (now != accountedBytes) {
      loop.addHeldBytes(now - accountedBytes);
      accountedBytes = now;
    }
  }

  /** The group holds too much and this connection is among the biggest: let it go now. */
  void closeOverBudget() {
    LOG.log(
        Level.DEBUG,
        "{0}: {1} closed for memory: it held {2} bytes",
        server.name,
        this,
        accountedBytes);
    finish(new IOException("closed to bring the server back under its memory budget"), true);
  }

  @Override
  public boolean isWritable() {
    return !aboveHigh;
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
    if (phase != Phase.CLOSED) {
      idle.timeout(timeout.toNanos());
    }
  }

  private void idleExpired() {
    if (phase == Phase.CLOSING) {
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
    if (phase == Phase.OPEN) {
      phase = Phase.OUTPUT_SHUTTING;
      flushSoon();
    }
  }

  @Override
  public void close() {
    checkInLoop();
    if (!isOpen()) {
      return;
    }
    phase = Phase.CLOSING;
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
    if (phase == Phase.CLOSED) {
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
    if (phase == Phase.CLOSED) {
      return;
    }
    phase = Phase.CLOSED;
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
