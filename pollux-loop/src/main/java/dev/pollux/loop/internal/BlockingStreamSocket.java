package dev.pollux.loop.internal;

import dev.pollux.loop.HostPort;
import dev.pollux.loop.spi.Poller;
import dev.pollux.loop.spi.StreamSocket;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A blocking {@link Socket} behind the non-blocking {@link StreamSocket} of the SPI: the classic
 * thread-per-connection model, with readiness emulated for the loop.
 *
 * <p><b>Design.</b> A reader thread blocks in {@code read} into a small ring of its own and posts
 * "readable" when input lands in an empty ring; when the ring is full (the loop stopped reading:
 * suspended, or above its high watermark) the reader waits, so TCP's own flow control pushes back
 * on the peer. A writer thread, started on the first write, drains a bounded outgoing ring with
 * blocking writes and posts "writable" when a refused loop has room again (half the ring, as the
 * kernel reports {@code EPOLLOUT}). The loop's {@code read} and {@code write} only copy between its
 * buffers and these rings. Half-close and an orderly close are queued behind the outgoing bytes and
 * done by the writer; an abort closes at once, which ends both threads' blocking calls. So the
 * model's costs stay what they are — two threads per connection, parked or blocked in the kernel, a
 * hand-off between threads for every read and write — while every handler still runs on the loop.
 */
final class BlockingStreamSocket implements StreamSocket, BlockingPollable {

  private static final System.Logger LOG = System.getLogger(BlockingStreamSocket.class.getName());
  private static final AtomicLong IDS = new AtomicLong();

  /** The reader's ring: what one blocking read may bring in before the loop takes it. */
  static final int IN_BYTES = 8 * 1024;

  /** The writer's ring: what the loop may hand over before the writer has sent it. */
  static final int OUT_BYTES = 32 * 1024;

  /** The most one blocking write sends, so that room comes back to the loop in steps. */
  private static final int WRITE_CHUNK = OUT_BYTES / 4;

  private final long id = IDS.incrementAndGet();
  private final Socket socket;
  private final IoThreads threads;
  private final InetSocketAddress remoteAddress;
  private final InetSocketAddress localAddress;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition inRoom = lock.newCondition();
  private final Condition outWork = lock.newCondition();

  // Guarded by lock.
  private ByteRing in;
  private ByteRing out;
  private boolean eof;
  private IOException error;
  private boolean writeRefused;
  private boolean shutdownAsked;
  private boolean outputShut;
  private boolean closeAsked;
  private boolean closed;

  private volatile BlockingPoller.Watch watch;
  private boolean writerStarted; // loop thread only

  BlockingStreamSocket(Socket socket, IoThreads threads) {
    this.socket = socket;
    this.threads = threads;
    this.remoteAddress = (InetSocketAddress) socket.getRemoteSocketAddress();
    this.localAddress = (InetSocketAddress) socket.getLocalSocketAddress();
  }

  @Override
  public void attach(BlockingPoller.Watch watch) {
    lock.lock();
    try {
      in = new ByteRing(IN_BYTES);
    } finally {
      lock.unlock();
    }
    this.watch = watch;
    watch.poller().start(threads, "read-" + id, this::readLoop);
  }

  @Override
  public InetSocketAddress remoteAddress() {
    return remoteAddress;
  }

  @Override
  public InetSocketAddress localAddress() {
    return localAddress;
  }

  // --- the loop's side ---

  @Override
  public int read(ByteBuffer dst) throws IOException {
    lock.lock();
    try {
      int n = in.take(dst);
      if (n > 0) {
        inRoom.signal();
        return n;
      }
      if (error != null) {
        throw failure();
      }
      return eof ? -1 : 0;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
    if (watch == null) {
      return writeUnregistered(srcs, offset, length);
    }
    long total = 0;
    lock.lock();
    try {
      checkWritable();
      boolean wasEmpty = out.filled() == 0;
      for (int i = offset; i < offset + length; i++) {
        total += out.put(srcs[i]);
        if (srcs[i].hasRemaining()) {
          writeRefused = true;
          break;
        }
      }
      if (wasEmpty && total > 0) {
        outWork.signal();
      }
    } finally {
      lock.unlock();
    }
    return total;
  }

  /**
   * The refusal of a connection never registered (the server is full): a few bytes into an empty
   * send buffer, which a blocking write takes at once.
   */
  private long writeUnregistered(ByteBuffer[] srcs, int offset, int length) throws IOException {
    OutputStream output = socket.getOutputStream();
    long total = 0;
    for (int i = offset; i < offset + length; i++) {
      ByteBuffer src = srcs[i];
      byte[] bytes = new byte[src.remaining()];
      src.get(bytes);
      output.write(bytes);
      total += bytes.length;
    }
    return total;
  }

  @Override
  public long transferFrom(FileChannel file, long position, long count) throws IOException {
    int offset;
    int span;
    lock.lock();
    try {
      checkWritable();
      span = (int) Math.min(out.freeSpan(), count);
      if (span == 0) {
        writeRefused = true;
        return 0;
      }
      offset = out.freeOffset();
    } finally {
      lock.unlock();
    }
    // The free span is the loop's until it commits it: read the file outside the lock.
    int n = file.read(ByteBuffer.wrap(out.array(), offset, span), position);
    if (n <= 0) {
      return 0;
    }
    lock.lock();
    try {
      boolean wasEmpty = out.filled() == 0;
      out.commit(n);
      if (wasEmpty) {
        outWork.signal();
      }
    } finally {
      lock.unlock();
    }
    return n;
  }

  /** Checks that output may be queued, and starts the writer on first use; holds the lock. */
  private void checkWritable() throws IOException {
    if (error != null) {
      throw failure();
    }
    if (closed || closeAsked || shutdownAsked) {
      throw new SocketException("Socket output is closed");
    }
    if (!writerStarted) {
      writerStarted = true;
      out = new ByteRing(OUT_BYTES);
      watch.poller().start(threads, "write-" + id, this::writeLoop);
    }
  }

  private IOException failure() {
    return new SocketException(error.getMessage(), error);
  }

  @Override
  public void shutdownOutput() throws IOException {
    if (!writerStarted) {
      socket.shutdownOutput();
      return;
    }
    lock.lock();
    try {
      shutdownAsked = true;
      outWork.signal();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void close() throws IOException {
    if (!writerStarted) {
      markClosed();
      socket.close();
      return;
    }
    lock.lock();
    try {
      closeAsked = true;
      outWork.signal();
    } finally {
      lock.unlock();
    }
    watch.poller().linger(this);
  }

  @Override
  public void abort() throws IOException {
    markClosed();
    try {
      socket.setSoLinger(true, 0);
    } finally {
      socket.close();
    }
  }

  @Override
  public void abortQuietly() {
    try {
      abort();
    } catch (IOException e) {
      LOG.log(Level.DEBUG, "aborting {0}: {1}", this, e.toString());
    }
  }

  /** Marks the socket closed and wakes both threads, which then end. */
  private void markClosed() {
    lock.lock();
    try {
      closed = true;
      inRoom.signalAll();
      outWork.signalAll();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public boolean released() {
    lock.lock();
    try {
      return closed;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public int readyOps() {
    lock.lock();
    try {
      if (error != null || closed) {
        return Poller.READ | Poller.WRITE;
      }
      int ops = in != null && (in.filled() > 0 || eof) ? Poller.READ : 0;
      if (out == null || out.free() >= out.capacity() / 2) {
        ops |= Poller.WRITE;
      }
      return ops;
    } finally {
      lock.unlock();
    }
  }

  // --- the threads' side ---

  private void readLoop() {
    try {
      InputStream input = socket.getInputStream();
      while (readOnce(input)) {
        // Until end of stream, an error or the close.
      }
    } catch (IOException e) {
      failed(e);
    }
  }

  /** Blocks for one read into the ring's free span; false once there is nothing more to read. */
  private boolean readOnce(InputStream input) throws IOException {
    int offset;
    int span;
    lock.lock();
    try {
      while (in.free() == 0 && !closed) {
        inRoom.awaitUninterruptibly();
      }
      if (closed) {
        return false;
      }
      offset = in.freeOffset();
      span = in.freeSpan();
    } finally {
      lock.unlock();
    }
    int n = input.read(in.array(), offset, span);
    boolean post;
    lock.lock();
    try {
      post = n < 0 || in.filled() == 0;
      if (n < 0) {
        eof = true;
      } else {
        in.commit(n);
      }
    } finally {
      lock.unlock();
    }
    if (post) {
      watch.post();
    }
    return n >= 0;
  }

  private void writeLoop() {
    try {
      OutputStream output = socket.getOutputStream();
      while (writeOnce(output)) {
        // Until the close, an error or the abort.
      }
    } catch (IOException e) {
      failed(e);
    }
  }

  /** Sends one chunk, or does the half-close or close queued behind the bytes; false at the end. */
  private boolean writeOnce(OutputStream output) throws IOException {
    int offset;
    int span;
    lock.lock();
    try {
      while (out.filled() == 0 && !closed && !closeAsked && (!shutdownAsked || outputShut)) {
        outWork.awaitUninterruptibly();
      }
      if (closed) {
        return false;
      }
      offset = out.filledOffset();
      span = Math.min(out.filledSpan(), WRITE_CHUNK);
      if (span == 0 && !closeAsked) {
        socket.shutdownOutput();
        outputShut = true;
        return true;
      }
      if (span == 0) {
        closed = true;
        inRoom.signalAll();
      }
    } finally {
      lock.unlock();
    }
    if (span == 0) {
      socket.close(); // FIN after everything; the reader's blocked read ends too
      return false;
    }
    output.write(out.array(), offset, span);
    sent(span);
    return true;
  }

  /** Frees what was sent; posts "writable" to a loop that was refused, once half is free. */
  private void sent(int span) {
    boolean post;
    lock.lock();
    try {
      out.release(span);
      post = writeRefused && out.free() >= out.capacity() / 2;
      if (post) {
        writeRefused = false;
      }
    } finally {
      lock.unlock();
    }
    if (post) {
      watch.post();
    }
  }

  /** A blocking call failed: after a close that is expected, else the loop must find out. */
  private void failed(IOException e) {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      if (error == null) {
        error = e;
      }
      inRoom.signalAll();
      outWork.signalAll();
    } finally {
      lock.unlock();
    }
    watch.post();
  }

  @Override
  public String toString() {
    return HostPort.of(remoteAddress);
  }
}
