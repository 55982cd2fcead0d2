package dev.pollux.loop.internal;

import dev.pollux.loop.Connection;
import dev.pollux.loop.ConnectionHandler;
import dev.pollux.loop.ConnectionHandlerFactory;
import dev.pollux.loop.Timeout;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.time.Duration;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

/**
 * The handler of one TLS connection: it drives an {@link SSLEngine} with the socket's bytes and
 * hands the plaintext to the inner protocol's handler through a {@link TlsConnection}.
 *
 * <p>Buffers are bounded: the ciphertext not yet unwrapped holds at most one partial record plus
 * one read; the plaintext buffer is the session's application buffer size and is handed to the
 * inner handler after every unwrap. Loop thread only, except the delegated tasks.
 */
public final class TlsHandler implements ConnectionHandler {

  private static final System.Logger LOG = System.getLogger(TlsHandler.class.getName());
  private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

  /** The first byte of a TLS handshake record (RFC 8446 section 5.1, {@code handshake(22)}). */
  private static final int HANDSHAKE_RECORD = 0x16;

  /** Ciphertext held at most beyond one record, so a peer cannot make it grow without bound. */
  private static final int MAX_HELD_CIPHERTEXT_BYTES = 256 * 1024;

  private final SSLEngine engine;
  private final ConnectionHandlerFactory handlers;
  private final Duration handshakeTimeout;
  private final byte[] plainTextRefusal;

  // Loop thread only.
  private Connection raw;
  private TlsConnection view;
  private ConnectionHandler inner;
  private ByteBuffer netIn;
  private ByteBuffer appIn;
  private ByteBuffer netOut;
  private Timeout handshakeTimer;
  private boolean handshakeDone;
  private boolean taskRunning;
  private boolean innerSuspended;
  private boolean firstByteSeen;
  private boolean outboundClosed;

  /** A handler over {@code engine} (in server mode) that opens {@code handlers}' after it. */
  public TlsHandler(
      SSLEngine engine,
      ConnectionHandlerFactory handlers,
      Duration handshakeTimeout,
      byte[] plainTextRefusal) {
    this.engine = engine;
    this.handlers = handlers;
    this.handshakeTimeout = handshakeTimeout;
    this.plainTextRefusal = plainTextRefusal.clone();
  }

  @Override
  public void onOpen(Connection connection) {
    raw = connection;
    view = new TlsConnection(connection, this);
    int packet = engine.getSession().getPacketBufferSize();
    netIn = ByteBuffer.allocate(packet);
    netOut = ByteBuffer.allocate(packet);
    appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
    handshakeTimer = connection.loop().schedule(handshakeTimeout, this::handshakeExpired);
    try {
      engine.beginHandshake();
    } catch (SSLException e) {
      failed(e);
    }
  }

  @Override
  public void onData(Connection connection, ByteBuffer data) {
    if (!firstByteSeen && data.hasRemaining()) {
      firstByteSeen = true;
      int first = data.get(data.position()) & 0xff;
      if (first != HANDSHAKE_RECORD
          && first >= 0x20
          && first < 0x7f
          && plainTextRefusal.length > 0) {
        LOG.log(Level.DEBUG, "{0} spoke plain text to a TLS port; refusing", raw);
        raw.write(ByteBuffer.wrap(plainTextRefusal));
        raw.close();
        return;
      }
    }
    if (!hold(data)) {
      return;
    }
    process();
  }

  /** Appends {@code data} to the ciphertext not yet unwrapped; false if that would be too much. */
  private boolean hold(ByteBuffer data) {
    if (netIn.remaining() < data.remaining()) {
      int needed = netIn.position() + data.remaining();
      if (needed > MAX_HELD_CIPHERTEXT_BYTES) {
        LOG.log(Level.DEBUG, "{0}: too much ciphertext held ({1} bytes); aborting", raw, needed);
        raw.abort();
        return false;
      }
      ByteBuffer bigger = ByteBuffer.allocate(needed);
      netIn.flip();
      bigger.put(netIn);
      netIn = bigger;
    }
    netIn.put(data);
    return true;
  }

  /** Runs the engine on what is held until it needs more bytes, a task or the inner handler. */
  void process() {
    while (raw.isOpen() && !taskRunning && !(handshakeDone && innerSuspended)) {
      HandshakeStatus status = engine.getHandshakeStatus();
      if (handshakeDone && status != HandshakeStatus.NOT_HANDSHAKING && isTls12()) {
        // RFC 5746 renegotiation is refused: nothing needs it, and it is a DoS vector.
        LOG.log(Level.DEBUG, "{0} asked for a TLS 1.2 renegotiation; closing", raw);
        raw.abort();
        return;
      }
      if (status == HandshakeStatus.NEED_TASK) {
        runTasks();
        return;
      }
      if (status == HandshakeStatus.NEED_WRAP) {
        if (!seal(EMPTY) || outboundClosed) {
          return;
        }
        continue;
      }
      if (!unwrapOnce()) {
        return;
      }
    }
  }

  private boolean isTls12() {
    return "TLSv1.2".equals(engine.getSession().getProtocol());
  }

  /** One unwrap; false when more bytes are needed or the connection is done. */
  private boolean unwrapOnce() {
    SSLEngineResult result;
    netIn.flip();
    try {
      result = engine.unwrap(netIn, appIn);
    } catch (SSLException e) {
      netIn.compact();
      failed(e);
      return false;
    }
    netIn.compact();
    return switch (result.getStatus()) {
      case BUFFER_OVERFLOW -> {
        appIn = enlarge(appIn, engine.getSession().getApplicationBufferSize());
        yield true;
      }
      case BUFFER_UNDERFLOW -> {
        netIn = enlarge(netIn, engine.getSession().getPacketBufferSize());
        yield false;
      }
      case CLOSED -> {
        deliver();
        peerClosed();
        yield false;
      }
      case OK -> {
        if (result.getHandshakeStatus() == HandshakeStatus.FINISHED) {
          handshakeFinished();
        }
        deliver();
        yield result.bytesConsumed() > 0 || result.bytesProduced() > 0 || needsEngine();
      }
    };
  }

  private boolean needsEngine() {
    HandshakeStatus status = engine.getHandshakeStatus();
    return status == HandshakeStatus.NEED_WRAP || status == HandshakeStatus.NEED_TASK;
  }

  private static ByteBuffer enlarge(ByteBuffer buffer, int atLeast) {
    if (buffer.capacity() >= atLeast) {
      return buffer;
    }
    ByteBuffer bigger = ByteBuffer.allocate(atLeast);
    buffer.flip();
    return bigger.put(buffer);
  }

  private void deliver() {
    if (appIn.position() == 0 || inner == null || !raw.isOpen()) {
      appIn.clear();
      return;
    }
    appIn.flip();
    try {
      inner.onData(view, appIn);
    } finally {
      appIn.clear();
    }
  }

  private void peerClosed() {
    // close_notify: the peer sends no more; like end of stream for the protocol.
    if (inner != null) {
      inner.onInputClosed(view);
    } else {
      raw.close();
    }
  }

  /**
   * Wraps {@code plain} into records queued on the socket; returns false when the engine could not
   * take all of it now (a task runs, or the connection is closing).
   */
  boolean seal(ByteBuffer plain) {
    do {
      netOut.clear();
      SSLEngineResult result;
      try {
        result = engine.wrap(plain, netOut);
      } catch (SSLException e) {
        failed(e);
        return false;
      }
      if (result.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
        netOut = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        continue;
      }
      netOut.flip();
      if (netOut.hasRemaining()) {
        raw.write(ByteBuffer.allocate(netOut.remaining()).put(netOut).flip());
      }
      if (result.getStatus() == SSLEngineResult.Status.CLOSED) {
        return !plain.hasRemaining();
      }
      if (result.getHandshakeStatus() == HandshakeStatus.FINISHED) {
        handshakeFinished();
      }
      if (result.bytesConsumed() == 0 && result.bytesProduced() == 0) {
        return !plain.hasRemaining();
      }
    } while (plain.hasRemaining());
    return true;
  }

  private void handshakeFinished() {
    if (handshakeDone) {
      return;
    }
    handshakeDone = true;
    handshakeTimer.cancel();
    LOG.log(
        Level.DEBUG,
        "{0}: {1} {2} alpn={3}",
        raw,
        engine.getSession().getProtocol(),
        engine.getSession().getCipherSuite(),
        engine.getApplicationProtocol());
    inner = handlers.newHandler(view);
    inner.onOpen(view);
    view.pump();
  }

  private void runTasks() {
    taskRunning = true;
    updateReading();
    Thread.ofVirtual()
        .name("pollux-tls-task")
        .start(
            () -> {
              RuntimeException failure = null;
              try {
                for (Runnable task; (task = engine.getDelegatedTask()) != null; ) {
                  task.run();
                }
              } catch (RuntimeException e) {
                failure = e;
              }
              RuntimeException failed = failure;
              raw.loop().execute(() -> tasksDone(failed));
            });
  }

  private void tasksDone(RuntimeException failure) {
    taskRunning = false;
    if (!raw.isOpen()) {
      return;
    }
    if (failure != null) {
      // Off the handler's own call stack: abort here, the loop would only log a thrown exception.
      LOG.log(Level.WARNING, "TLS task of " + raw + " failed; aborting it", failure);
      raw.abort();
      return;
    }
    updateReading();
    process();
    if (raw.isOpen() && !taskRunning) {
      view.pump();
    }
  }

  /** Sends close_notify after everything queued, then closes (or only shuts output down). */
  void closeOutbound(boolean shutdownOnly) {
    if (!outboundClosed) {
      outboundClosed = true;
      engine.closeOutbound();
      seal(EMPTY);
    }
    if (shutdownOnly) {
      raw.shutdownOutput();
    } else {
      raw.close();
    }
  }

  void suspendInner() {
    innerSuspended = true;
    updateReading();
  }

  void resumeInner() {
    if (!innerSuspended) {
      return;
    }
    innerSuspended = false;
    updateReading();
    // Unwrap what was held back, but not inside the inner handler's own call.
    raw.loop().execute(this::process);
  }

  private void updateReading() {
    if (taskRunning || innerSuspended) {
      raw.suspendReading();
    } else {
      raw.resumeReading();
    }
  }

  boolean canSeal() {
    return handshakeDone && !taskRunning && !outboundClosed;
  }

  private void failed(SSLException e) {
    LOG.log(Level.DEBUG, "{0}: TLS failed: {1}", raw, e.getMessage());
    // After a failure the engine has an alert to send when it asks for a wrap.
    if (engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP && !outboundClosed) {
      outboundClosed = true;
      netOut.clear();
      try {
        engine.wrap(EMPTY, netOut);
        netOut.flip();
        raw.write(ByteBuffer.allocate(netOut.remaining()).put(netOut).flip());
      } catch (SSLException alertFailed) {
        LOG.log(Level.DEBUG, "{0}: no TLS alert sent: {1}", raw, alertFailed.getMessage());
      }
    }
    raw.close();
  }

  private void handshakeExpired() {
    if (!handshakeDone && raw.isOpen()) {
      LOG.log(Level.DEBUG, "{0}: no TLS handshake within {1}; aborting", raw, handshakeTimeout);
      raw.abort();
    }
  }

  @Override
  public void onInputClosed(Connection connection) {
    if (inner != null) {
      inner.onInputClosed(view);
    } else {
      connection.close();
    }
  }

  @Override
  public void onWritable(Connection connection) {
    view.pump();
    if (inner != null) {
      inner.onWritable(view);
    }
  }

  @Override
  public void onIdle(Connection connection) {
    if (inner != null) {
      inner.onIdle(view);
    } else {
      connection.close();
    }
  }

  @Override
  public void onShutdown(Connection connection) {
    if (inner != null) {
      inner.onShutdown(view);
    } else {
      connection.close();
    }
  }

  @Override
  public void onClosed(Connection connection, Throwable cause) {
    if (handshakeTimer != null) {
      handshakeTimer.cancel();
    }
    if (view != null) {
      view.released();
    }
    if (inner != null) {
      inner.onClosed(view, cause);
    }
  }
}
