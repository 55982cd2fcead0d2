package dev.pollux.loop.internal;

import java.nio.ByteBuffer;

/**
 * The ciphertext a {@link TlsHandler} keeps between reads: the rest of an incomplete record, or
 * records the inner handler is not ready for. Memory follows the bytes that arrive, never a length
 * a record header declares beyond them: nothing while no record is pending, then a buffer the size
 * of the first record (the header says it, RFC 8446 section 5.1), grown by doubling, never beyond
 * {@link #MAX_BYTES}; let go of as soon as it is used up. Loop thread only.
 */
final class HeldCiphertext {

  /** Ciphertext held at most beyond one record, so a peer cannot make it grow without bound. */
  static final int MAX_BYTES = 256 * 1024;

  /** What a held partial record's buffer starts at when its header is not complete yet. */
  private static final int MIN_BYTES = 512;

  /** {@code TLSPlaintext}'s header: type (1), legacy_record_version (2), length (2). */
  private static final int HEADER_BYTES = 5;

  private ByteBuffer held; // in read mode; null when there is none

  /** Whether no ciphertext is held. */
  boolean isEmpty() {
    return held == null;
  }

  /** The held ciphertext, in read mode, to unwrap from; only when not {@link #isEmpty()}. */
  ByteBuffer buffer() {
    return held;
  }

  /** The bytes of memory held, for the memory budget. */
  int capacity() {
    return held == null ? 0 : held.capacity();
  }

  /** What would be held with {@code data} appended. */
  int bytesWith(ByteBuffer data) {
    return (held == null ? 0 : held.remaining()) + data.remaining();
  }

  /**
   * Appends {@code data} to what is held; false, appending nothing, when that would be more than
   * {@link #MAX_BYTES}.
   */
  boolean append(ByteBuffer data) {
    int needed = bytesWith(data);
    if (needed > MAX_BYTES) {
      return false;
    }
    held.compact();
    if (held.remaining() < data.remaining()) {
      // Doubling: a peer that sends a record a byte at a time must not cost a copy per byte.
      int capacity = Math.min(MAX_BYTES, Math.max(needed, 2 * held.capacity()));
      ByteBuffer bigger = ByteBuffer.allocate(capacity);
      held.flip();
      held = bigger.put(held);
    }
    held.put(data).flip();
    return true;
  }

  /** After the held ciphertext was unwrapped from: lets go of it once it is used up. */
  void releaseIfUsedUp() {
    if (held != null && !held.hasRemaining()) {
      held = null;
    }
  }

  /**
   * Keeps what is left of {@code in} (the loop's read buffer, after unwrapping from it while
   * nothing was held) in a buffer the size of its first record.
   */
  void keepRest(ByteBuffer in) {
    if (in.hasRemaining()) {
      int capacity = Math.min(MAX_BYTES, Math.max(in.remaining(), recordBytes(in)));
      held = ByteBuffer.allocate(capacity).put(in).flip();
    }
  }

  /** The length of the record {@code in} starts with, header included, if its header is in. */
  private static int recordBytes(ByteBuffer in) {
    if (in.remaining() < HEADER_BYTES) {
      return MIN_BYTES;
    }
    int p = in.position();
    return HEADER_BYTES + (((in.get(p + 3) & 0xff) << 8) | (in.get(p + 4) & 0xff));
  }
}
