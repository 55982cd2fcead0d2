package dev.pollux.http.internal.codec;

/** Byte classes of RFC 9110 §5.6 as lookup tables, so that parsers test a byte in one load. */
public final class Ascii {

  static final byte CR = '\r';
  static final byte LF = '\n';
  static final byte SP = ' ';
  static final byte HT = '\t';

  private static final boolean[] TOKEN = new boolean[256];
  private static final boolean[] FIELD_VALUE = new boolean[256];
  private static final boolean[] TARGET = new boolean[256];

  static {
    for (int c = '0'; c <= '9'; c++) {
      TOKEN[c] = true;
    }
    for (int c = 'a'; c <= 'z'; c++) {
      TOKEN[c] = true;
      TOKEN[c - 32] = true;
    }
    for (char c : "!#$%&'*+-.^_`|~".toCharArray()) {
      TOKEN[c] = true;
    }
    // field-vchar = VCHAR / obs-text, plus SP and HT inside a value (RFC 9110 §5.5).
    for (int c = 0x21; c <= 0xFF; c++) {
      FIELD_VALUE[c] = c != 0x7F;
      TARGET[c] = c < 0x7F;
    }
    FIELD_VALUE[SP] = true;
    FIELD_VALUE[HT] = true;
  }

  private Ascii() {}

  /** True for a tchar of RFC 9110 §5.6.2. */
  public static boolean isToken(byte b) {
    return TOKEN[b & 0xFF];
  }

  /** True for a byte allowed in a field value (visible, obs-text, SP or HT). */
  public static boolean isFieldValue(byte b) {
    return FIELD_VALUE[b & 0xFF];
  }

  /** True for a byte allowed in a request target: visible ASCII. */
  static boolean isTarget(byte b) {
    return TARGET[b & 0xFF];
  }

  /** The value of a hex digit, or -1. */
  static int hex(byte b) {
    if (b >= '0' && b <= '9') {
      return b - '0';
    }
    if (b >= 'a' && b <= 'f') {
      return b - 'a' + 10;
    }
    if (b >= 'A' && b <= 'F') {
      return b - 'A' + 10;
    }
    return -1;
  }

  /** ASCII lower case of one byte. */
  static int lower(int b) {
    return b >= 'A' && b <= 'Z' ? b + 32 : b;
  }

  /**
   * True when {@code bytes[start, end)} equals the lower-case ASCII {@code lower}, ignoring case.
   */
  static boolean equalsIgnoreCase(byte[] bytes, int start, int end, String lower) {
    if (end - start != lower.length()) {
      return false;
    }
    for (int i = 0; i < lower.length(); i++) {
      if (lower(bytes[start + i]) != lower(lower.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
