package dev.pollux.loop.internal;

import dev.pollux.loop.Connection;
import dev.pollux.loop.ConnectionHandler;
import dev.pollux.loop.ConnectionHandlerFactory;
import dev.pollux.loop.Timeout;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

/**
 * The handler of one TLS connection: it drives an {@link SSLEngine} with the socket's bytes and
 * hands the plaintext to the inner protocol's handler through a {@link TlsConnection}.
 *
 * <p>Memory follows the bytes that arrive. A connection that has sent nothing holds no engine and
 * no buffer, only its handshake timer: the {@link SSLEngine} is made on the first bytes. Unwraps
 * read straight from the loop's read buffer into the loop thread's {@link TlsScratch}, whose
 * plaintext goes to the inner handler at once, and wraps go through the scratch into a right-sized
 * copy for the write queue; so a connection keeps ciphertext of its own only while a record is
 * incomplete ({@link HeldCiphertext}: at most one partial record plus one read) and lets go of it
 * as soon as the record is whole. An idle connection between records holds its engine (session
 * keys) and nothing else. What it holds is reported to the socket's connection for the memory
 * budget, with what the inner handler reports. Loop thread only, except the delegated tasks.
 */
public final class TlsHandler implements ConnectionHandler {

  private static final System.Logger LOG = System.getLogger(TlsHandler.class.getName());
  private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

  /** The first byte of a TLS handshake record (RFC 8446 section 5.1, {@code handshake(22)}). */
  private static final int HANDSHAKE_RECORD = 0x16;

  /**
   * What an {@link SSLEngine} holds after a handshake (session, keys, handshake hashes), counted
   * against the memory budget; measured with JDK 25 (docs/robustness.md).
   */
  static final long ENGINE_BYTES = 8 * 1024;

  private final Supplier<SSLEngine> engines;
  private final ConnectionHandlerFactory handlers;
  private final Duration handshakeTimeout;
  private final byte[] plainTextRefusal;
  private final HeldCiphertext held = new HeldCiphertext(); // empty until a record is incomplete
  private final DelegatedTasks tasks = new DelegatedTasks();

  // Loop thread only.
  private Connection raw;
  private TlsConnection view;
  private ConnectionHandler inner;
  private SSLEngine engine; // made on the first bytes
  private int plainBytes; // the plaintext buffer an unwrap asks for (grown after an overflow)
  private RecordSealer sealer; // made with the engine
  private long innerHeldBytes; // what the inner handler last reported
  private long reportedBytes; // what this handler last reported to the socket's connection
  private Timeout handshakeTimer;
  private boolean handshakeDone;
  private boolean innerSuspended;
  private boolean firstByteSeen;
  private boolean outboundClosed;

  /**
   * A handler over an engine of {@code engines} (in server mode, made when the first bytes arrive)
   * that opens {@code handlers}' after the handshake.
   */
  public TlsHandler(
      Supplier<SSLEngine> engines,
      ConnectionHandlerFactory handlers,
      Duration handshakeTimeout,
      byte[] plainTextRefusal) {
    this.engines = engines;
    this.handlers = handlers;
    this.handshakeTimeout = handshakeTimeout;
    this.plainTextRefusal = plainTextRefusal.clone();
  }

  @Override
  public void onOpen(Connection connection) {
    raw = connection;
    // The timer starts now, not at the first byte: a peer that sends nothing is closed by it too.
    handshakeTimer = connection.loop().schedule(handshakeTimeout, this::handshakeExpired);
  }

  @Override
  public void onData(Connection connection, ByteBuffer data) {
    if (!firstByteSeen && data.hasRemaining()) {
      firstByteSeen = true;
      if (refusedAsPlainText(data) || !startEngine()) {
        return;
      }
    }
    boolean fromHeld = !held.isEmpty();
    if (fromHeld && !hold(data)) {
      return;
    }
    ByteBuffer in = fromHeld ? held.buffer() : data;
    process(in);
    keep(in, fromHeld);
    report();
  }

  /** Answers a peer that speaks plain text to the TLS port; true if it did. */
  private boolean refusedAsPlainText(ByteBuffer data) {
    int first = data.get(data.position()) & 0xff;
    if (first != HANDSHAKE_RECORD && first >= 0x20 && first < 0x7f && plainTextRefusal.length > 0) {
      LOG.log(Level.DEBUG, "{0} spoke plain text to a TLS port; refusing", raw);
      raw.write(ByteBuffer.wrap(plainTextRefusal));
      raw.close();
      return true;
    }
    return false;
  }

  private boolean startEngine() {
    engine = engines.get();
    plainBytes = engine.getSession().getApplicationBufferSize();
    sealer = new RecordSealer(raw, engine);
    try {
      engine.beginHandshake();
      return true;
    } catch (SSLException e) {
      failed(e);
      return false;
    }
  }

  /** Appends {@code data} to the held ciphertext; false (and aborted) if that would be too much. */
  private boolean hold(ByteBuffer data) {
    if (!held.append(data)) {
      LOG.log(
          Level.DEBUG,
          "{0}: too much ciphertext held ({1} bytes); aborting",
          raw,
          held.bytesWith(data));
      raw.abort();
      return false;
    }
    return true;
  }

  /**
   * After {@code in} was processed ({@code fromHeld}: it is the held buffer): lets go of the held
   * ciphertext once it is used up, or keeps what is left of the loop's read buffer (an incomplete
   * record, or records the inner handler is not ready for).
   */
  private void keep(ByteBuffer in, boolean fromHeld) {
    if (fromHeld) {
      held.releaseIfUsedUp();
    } else if (raw.isOpen()) {
      held.keepRest(in);
    }
  }

  /** Tells the socket's connection what this handler and the inner one hold, when it changed. */
  void report() {
    long bytes =
        innerHeldBytes
            + (engine == null ? 0 : ENGINE_BYTES)
            + held.capacity()
            + (view == null ? 0 : view.pendingBytes());
    if (bytes != reportedBytes && raw.isOpen()) {
      reportedBytes = bytes;
      raw.reportHeldBytes(bytes);
    }
  }

  /** The inner handler's report, through the {@link TlsConnection}. */
  void innerHeld(long bytes) {
    innerHeldBytes = bytes;
    report();
  }

  /** Runs the engine on {@code in} until it needs more bytes, a task or the inner handler. */
  private void process(ByteBuffer in) {
    while (raw.isOpen() && !tasks.running() && !(handshakeDone && innerSuspended)) {
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
      if (!unwrapOnce(in)) {
        return;
      }
    }
  }

  /** Processes the held ciphertext, if any (after a task, or when the inner handler resumes). */
  private void processHeld() {
    if (engine == null) {
      return;
    }
    boolean fromHeld = !held.isEmpty();
    ByteBuffer in = fromHeld ? held.buffer() : EMPTY;
    process(in);
    if (fromHeld) {
      keep(in, true);
    }
    report();
  }

  private boolean isTls12() {
    return "TLSv1.2".equals(engine.getSession().getProtocol());
  }

  /** One unwrap from {@code in}; false when more bytes are needed or the connection is done. */
  private boolean unwrapOnce(ByteBuffer in) {
    TlsScratch scratch = TlsScratch.current();
    ByteBuffer plain = scratch.borrowPlain(plainBytes);
    try {
      SSLEngineResult result;
      try {
        result = engine.unwrap(in, plain);
      } catch (SSLException e) {
        failed(e);
        return false;
      }
      return switch (result.getStatus()) {
        case BUFFER_OVERFLOW -> {
          plainBytes =
              Math.max(2 * plain.capacity(), engine.getSession().getApplicationBufferSize());
          yield true;
        }
        case BUFFER_UNDERFLOW -> false; // an incomplete record: keep() holds it
        case CLOSED -> {
          deliver(plain);
          peerClosed();
          yield false;
        }
        case OK -> {
          if (result.getHandshakeStatus() == HandshakeStatus.FINISHED) {
            handshakeFinished();
          }
          deliver(plain);
          yield result.bytesConsumed() > 0 || result.bytesProduced() > 0 || needsEngine();
        }
      };
    } finally {
      scratch.returnPlain();
    }
  }

  private boolean needsEngine() {
    HandshakeStatus status = engine.getHandshakeStatus();
    return status == HandshakeStatus.NEED_WRAP || status == HandshakeStatus.NEED_TASK;
  }

  private void deliver(ByteBuffer plain) {
    if (plain.position() == 0 || inner == null || !raw.isOpen()) {
      return;
    }
    plain.flip();
    inner.onData(view, plain);
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
      SSLEngineResult result;
      try {
        result = sealer.wrap(plain);
      } catch (SSLException e) {
        failed(e);
        return false;
      }
      if (result.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
        continue; // the sealer grew its buffer
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
    view = new TlsConnection(raw, this);
    inner = handlers.newHandler(view);
    inner.onOpen(view);
    view.pump();
  }

  private void runTasks() {
    tasks.start(engine, raw.loop(), this::tasksDone);
    updateReading();
  }

  private void tasksDone(Throwable failure) {
    if (failure instanceof VirtualMachineError error) {
      throw error; // out of memory on the task's thread: the loop's fatal-error policy decides
    }
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
    processHeld();
    if (raw.isOpen() && !tasks.running() && view != null) {
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
    raw.loop().execute(this::processHeld);
  }

  private void updateReading() {
    if (tasks.running() || innerSuspended) {
      raw.suspendReading();
    } else {
      raw.resumeReading();
    }
  }

  boolean canSeal() {
    return handshakeDone && !tasks.running() && !outboundClosed;
  }

  private void failed(SSLException e) {
    LOG.log(Level.DEBUG, "{0}: TLS failed: {1}", raw, e.getMessage());
    // After a failure the engine has an alert to send when it asks for a wrap.
    if (engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP && !outboundClosed) {
      outboundClosed = true;
      try {
        sealer.alert();
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
    toInnerOrClose(connection, ConnectionHandler::onInputClosed);
  }

  @Override
  public void onWritable(Connection connection) {
    if (view != null) {
      view.pump();
    }
    if (inner != null) {
      inner.onWritable(view);
    }
  }

  @Override
  public void onIdle(Connection connection) {
    toInnerOrClose(connection, ConnectionHandler::onIdle);
  }

  @Override
  public void onShutdown(Connection connection) {
    toInnerOrClose(connection, ConnectionHandler::onShutdown);
  }

  /** An event for the inner handler once there is one; before the handshake, the end. */
  private void toInnerOrClose(
      Connection connection, BiConsumer<ConnectionHandler, Connection> event) {
    if (inner != null) {
      event.accept(inner, view);
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
