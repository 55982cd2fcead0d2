package dev.pollux.loop.internal;

import dev.pollux.loop.Connection;
import java.nio.ByteBuffer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;

/**
 * The wrap side of a {@link TlsHandler}'s engine: each wrap goes into the loop thread's {@link
 * TlsScratch}, and the records it produced are queued on the socket's connection in a buffer of
 * their own size, so no buffer of the engine's packet size stays with an idle connection. The size
 * a wrap asks for starts at the session's packet size and grows when the engine overflows it. Loop
 * thread only.
 */
final class RecordSealer {

  private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

  private final Connection raw;
  private final SSLEngine engine;
  private int sealedBytes; // the ciphertext buffer a wrap asks for (grown after an overflow)

  RecordSealer(Connection raw, SSLEngine engine) {
    this.raw = raw;
    this.engine = engine;
    this.sealedBytes = engine.getSession().getPacketBufferSize();
  }

  /**
   * One wrap of {@code plain}, its records queued on the socket. After {@code BUFFER_OVERFLOW}
   * nothing was wrapped and the next wrap asks for a bigger buffer.
   */
  SSLEngineResult wrap(ByteBuffer plain) throws SSLException {
    ByteBuffer sealed = TlsScratch.current().sealed(sealedBytes);
    SSLEngineResult result = engine.wrap(plain, sealed);
    if (result.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
      sealedBytes = Math.max(2 * sealed.capacity(), engine.getSession().getPacketBufferSize());
      return result;
    }
    sealed.flip();
    if (sealed.hasRemaining()) {
      raw.write(copyOf(sealed));
    }
    return result;
  }

  /** Queues the alert an engine that failed has to send (it asks for a wrap), in one wrap. */
  void alert() throws SSLException {
    ByteBuffer alert = TlsScratch.current().sealed(sealedBytes);
    engine.wrap(EMPTY, alert);
    alert.flip();
    raw.write(copyOf(alert));
  }

  private static ByteBuffer copyOf(ByteBuffer sealed) {
    return ByteBuffer.allocate(sealed.remaining()).put(sealed).flip();
  }
}
