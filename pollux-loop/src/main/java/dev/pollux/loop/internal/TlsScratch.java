package dev.pollux.loop.internal;

import java.nio.ByteBuffer;

/**
 * The packet-sized buffers every TLS connection of a loop thread borrows for one unwrap or wrap:
 * the plaintext an unwrap produces (handed to the protocol at once) and the ciphertext a wrap
 * produces (copied, at its real size, into the socket's write queue). Neither outlives the call
 * that fills it, so one of each per loop thread serves all its connections, where each connection
 * used to keep its own three (about 50 KB) from accept to close. Loop thread only.
 */
final class TlsScratch {

  /** A TLS record's plaintext at most (RFC 8446 section 5.1: 2^14 bytes), plus slack. */
  private static final int INITIAL_BYTES = 16 * 1024 + 1024;

  private static final ThreadLocal<TlsScratch> PER_THREAD =
      ThreadLocal.withInitial(TlsScratch::new);

  private ByteBuffer plain = ByteBuffer.allocate(INITIAL_BYTES);
  private ByteBuffer sealed = ByteBuffer.allocate(INITIAL_BYTES);
  private int plainBorrowers; // nested borrows: only the outermost gets the shared buffer

  /** The scratch of the calling thread (a loop thread). */
  static TlsScratch current() {
    return PER_THREAD.get();
  }

  /**
   * A cleared buffer for an unwrap's plaintext, of at least {@code bytes}; {@link #returnPlain}
   * when done. If it is lent already (a protocol handler that, in its {@code onData}, made another
   * TLS connection of this loop unwrap), a private one is made.
   */
  ByteBuffer borrowPlain(int bytes) {
    if (plainBorrowers++ > 0) {
      return ByteBuffer.allocate(bytes);
    }
    if (plain.capacity() < bytes) {
      plain = ByteBuffer.allocate(bytes);
    }
    return plain.clear();
  }

  /** Ends the latest {@link #borrowPlain}. */
  void returnPlain() {
    plainBorrowers--;
  }

  /**
   * A cleared buffer for a wrap's ciphertext, of at least {@code bytes}; used and copied at once.
   */
  ByteBuffer sealed(int bytes) {
    if (sealed.capacity() < bytes) {
      sealed = ByteBuffer.allocate(bytes);
    }
    return sealed.clear();
  }
}
