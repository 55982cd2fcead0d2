package dev.pollux.http.internal.websocket;

/**
 * Which WebSocket close codes (RFC 6455 §7.4, IANA registry) may appear on the wire: 1000..1003,
 * 1007..1014 and the application range 3000..4999. 1004 is reserved; 1005, 1006 and 1015 are only
 * ever reported locally, never sent.
 */
final class CloseCodes {

  private CloseCodes() {}

  /** A code a client may send; others get 1002. */
  static boolean receivable(int code) {
    return (code >= 1000 && code <= 1003)
        || (code >= 1007 && code <= 1014)
        || (code >= 3000 && code <= 4999);
  }

  /** A code the server's application may close with. */
  static boolean sendable(int code) {
    return receivable(code);
  }
}
