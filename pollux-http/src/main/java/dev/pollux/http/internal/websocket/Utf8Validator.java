package dev.pollux.http.internal.websocket;

/**
 * An incremental UTF-8 validator (RFC 3629 §4): bytes can be fed in any pieces, e.g. the three
 * bytes of {@code €} ({@code e2 82 ac}) across two fragments of a WebSocket text message. It
 * rejects overlong forms, surrogates ({@code ed a0..bf}) and code points above U+10FFFF as soon as
 * the offending byte arrives (RFC 6455 §8.1 lets an endpoint fail fast).
 */
final class Utf8Validator {

  private int need; // continuation bytes still expected
  private int low = 0x80; // the range of the next continuation byte
  private int high = 0xBF;

  /** Feeds {@code bytes[offset, offset + count)}; false once the input cannot be UTF-8. */
  boolean feed(byte[] bytes, int offset, int count) {
    for (int i = offset; i < offset + count; i++) {
      int b = bytes[i] & 0xFF;
      if (need > 0) {
        if (b < low || b > high) {
          return false;
        }
        need--;
        low = 0x80;
        high = 0xBF;
      } else if (b >= 0x80 && !lead(b)) {
        return false;
      }
    }
    return true;
  }

  /** True when the bytes so far end on a character boundary. */
  boolean complete() {
    return need == 0;
  }

  void reset() {
    need = 0;
    low = 0x80;
    high = 0xBF;
  }

  /** A lead byte: sets how many continuation bytes follow and the range of the first. */
  private boolean lead(int b) {
    if (b >= 0xC2 && b <= 0xDF) {
      need = 1;
    } else if (b >= 0xE0 && b <= 0xEF) {
      need = 2;
      low = b == 0xE0 ? 0xA0 : 0x80; // E0 80..9F would be overlong
      high = b == 0xED ? 0x9F : 0xBF; // ED A0..BF would be a surrogate
    } else if (b >= 0xF0 && b <= 0xF4) {
      need = 3;
      low = b == 0xF0 ? 0x90 : 0x80; // F0 80..8F would be overlong
      high = b == 0xF4 ? 0x8F : 0xBF; // F4 90.. would pass U+10FFFF
    } else {
      return false;
    }
    return true;
  }

  /** True when all of {@code bytes} is UTF-8. */
  static boolean isValid(byte[] bytes) {
    Utf8Validator v = new Utf8Validator();
    return v.feed(bytes, 0, bytes.length) && v.complete();
  }
}
