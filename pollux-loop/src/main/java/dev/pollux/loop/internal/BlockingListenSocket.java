package dev.pollux.loop.internal;

import dev.pollux.loop.HostPort;
import dev.pollux.loop.spi.ListenSocket;
import dev.pollux.loop.spi.Poller;
import dev.pollux.loop.spi.StreamSocket;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A blocking {@link ServerSocket} behind the non-blocking {@link ListenSocket} of the SPI: an
 * accept thread blocks in {@code accept} and hands each connection to the loop through a short
 * queue, posting "readable"; when the queue is full it waits, and further connections wait in the
 * kernel's backlog. An accept failure is handed to the loop the same way (which pauses accepting),
 * and the thread waits until the loop has seen it, so a persistent failure cannot spin.
 */
public final class BlockingListenSocket implements ListenSocket, BlockingPollable {

  private static final System.Logger LOG = System.getLogger(BlockingListenSocket.class.getName());

  /** Accepted connections waiting for the loop at most. */
  static final int MAX_PENDING = 64;

  /** How long {@link #close()} waits for the accept thread to end. */
  private static final Duration ACCEPTOR_EXIT = Duration.ofSeconds(5);

  private final ServerSocket server;
  private final IoThreads threads;
  private final InetSocketAddress localAddress;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition room = lock.newCondition();

  // Guarded by lock.
  private final ArrayDeque<Socket> pending = new ArrayDeque<>();
  private IOException error;
  private boolean closed;

  private volatile BlockingPoller.Watch watch;
  private volatile Thread acceptor;

  private BlockingListenSocket(ServerSocket server, IoThreads threads) {
    this.server = server;
    this.threads = threads;
    this.localAddress = (InetSocketAddress) server.getLocalSocketAddress();
  }

  /**
   * Opens, binds and listens; a failure to bind is a {@link BindException} like {@code "cannot
   * listen on 127.0.0.1:9000: Address already in use"}.
   */
  public static BlockingListenSocket bind(InetSocketAddress address, int backlog, IoThreads threads)
      throws IOException {
    ServerSocket server = new ServerSocket();
    try {
      server.setReuseAddress(true);
      server.bind(address, backlog);
      return new BlockingListenSocket(server, threads);
    } catch (IOException e) {
      server.close();
      BindException bind =
          new BindException("cannot listen on " + HostPort.of(address) + ": " + e.getMessage());
      bind.initCause(e);
      throw bind;
    }
  }

  @Override
  public void attach(BlockingPoller.Watch watch) {
    this.watch = watch;
    acceptor = watch.poller().start(threads, "accept-" + localAddress.getPort(), this::acceptLoop);
  }

  @Override
  public InetSocketAddress localAddress() {
    return localAddress;
  }

  @Override
  public StreamSocket accept() throws IOException {
    Socket socket;
    lock.lock();
    try {
      if (error != null) {
        IOException e = error;
        error = null;
        room.signal();
        throw e;
      }
      socket = pending.poll();
      if (socket == null) {
        return null;
      }
      room.signal();
    } finally {
      lock.unlock();
    }
    try {
      socket.setTcpNoDelay(true);
      socket.setSendBufferSize(ACCEPTED_SEND_BUFFER_BYTES);
      return new BlockingStreamSocket(socket, threads);
    } catch (IOException e) {
      socket.close();
      throw e;
    }
  }

  @Override
  public int readyOps() {
    lock.lock();
    try {
      return !pending.isEmpty() || error != null || closed ? Poller.READ : 0;
    } finally {
      lock.unlock();
    }
  }

  private void acceptLoop() {
    while (acceptOnce()) {
      // Until the close.
    }
  }

  /** Waits for room in the queue, accepts one connection and posts it; false once closed. */
  private boolean acceptOnce() {
    lock.lock();
    try {
      while (!closed && (pending.size() >= MAX_PENDING || error != null)) {
        room.awaitUninterruptibly();
      }
      if (closed) {
        return false;
      }
    } finally {
      lock.unlock();
    }
    try {
      Socket socket = server.accept();
      if (!queue(socket)) {
        closeQuietly(socket);
        return false;
      }
    } catch (IOException e) {
      if (!failed(e)) {
        return false;
      }
    }
    watch.post();
    return true;
  }

  private boolean queue(Socket socket) {
    lock.lock();
    try {
      if (!closed) {
        pending.add(socket);
      }
      return !closed;
    } finally {
      lock.unlock();
    }
  }

  /** Keeps {@code e} for the loop's next accept; false when it only says the socket closed. */
  private boolean failed(IOException e) {
    lock.lock();
    try {
      if (!closed) {
        error = e;
      }
      return !closed;
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
  public void abortQuietly() {
    try {
      close();
    } catch (IOException e) {
      LOG.log(Level.DEBUG, "closing {0}: {1}", this, e.toString());
    }
  }

  @Override
  public void close() throws IOException {
    lock.lock();
    try {
      closed = true;
      pending.forEach(BlockingListenSocket::closeQuietly);
      pending.clear();
      room.signalAll();
    } finally {
      lock.unlock();
    }
    server.close(); // ends the accept thread's blocked accept
    awaitAcceptor();
  }

  /**
   * Waits for the accept thread to leave {@code accept}: a socket closed while a virtual thread is
   * blocked on it is released only when that thread returns, and the port must be free on return.
   */
  private void awaitAcceptor() {
    Thread thread = acceptor;
    if (thread == null || thread == Thread.currentThread()) {
      return;
    }
    try {
      if (!thread.join(ACCEPTOR_EXIT)) {
        LOG.log(Level.WARNING, "{0} still running after {1} closed", thread.getName(), this);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      LOG.log(Level.DEBUG, "closing an accepted socket: {0}", e.toString());
    }
  }

  @Override
  public String toString() {
    return "listener " + HostPort.of(localAddress);
  }
}
