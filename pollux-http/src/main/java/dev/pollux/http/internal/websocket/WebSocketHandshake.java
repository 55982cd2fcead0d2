package dev.pollux.http.internal.websocket;

import dev.pollux.http.HttpStatus;
import dev.pollux.http.Method;
import dev.pollux.http.Request;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * The server's side of the WebSocket opening handshake (RFC 6455 §4.2): checks a request such as
 * {@code GET /ws HTTP/1.1} with {@code Upgrade: websocket}, {@code Connection: Upgrade}, {@code
 * Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==} and {@code Sec-WebSocket-Version: 13}, and computes
 * {@code Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=}.
 */
public final class WebSocketHandshake {

  /** RFC 6455 §1.3. */
  private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

  /** Why a request is no valid handshake: the status and fixed detail to answer with. */
  public record Refusal(int status, String detail) {}

  private WebSocketHandshake() {}

  /** Null when {@code request} is a valid opening handshake, else how to refuse it. */
  public static Refusal check(Request request) {
    if (request.method() != Method.GET || !"HTTP/1.1".equals(request.version())) {
      return new Refusal(HttpStatus.BAD_REQUEST, "a WebSocket handshake is a GET on HTTP/1.1");
    }
    if (!hasToken(request.header("Upgrade"), "websocket")
        || !hasToken(request.header("Connection"), "upgrade")) {
      return new Refusal(
          HttpStatus.BAD_REQUEST, "expected Upgrade: websocket and Connection: Upgrade");
    }
    if (!"13".equals(trim(request.header("Sec-WebSocket-Version")))) {
      return new Refusal(HttpStatus.UPGRADE_REQUIRED, "unsupported WebSocket version");
    }
    String key = trim(request.header("Sec-WebSocket-Key"));
    if (key == null || !validKey(key)) {
      return new Refusal(HttpStatus.BAD_REQUEST, "missing or invalid Sec-WebSocket-Key");
    }
    return null;
  }

  /** {@code base64(SHA-1(key + GUID))}. */
  public static String accept(String key) {
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      byte[] digest = sha1.digest((key.trim() + GUID).getBytes(StandardCharsets.US_ASCII));
      return Base64.getEncoder().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is required of every Java platform", e);
    }
  }

  /** The first protocol the client offers that the server supports, or null. */
  public static String choose(String offered, String... supported) {
    if (offered == null || supported.length == 0) {
      return null;
    }
    List<String> ours = List.of(supported);
    for (String candidate : offered.split(",", -1)) {
      String token = candidate.trim();
      if (ours.contains(token)) {
        return token;
      }
    }
    return null;
  }

  /** The header fields of the 101 answer, as name, value, name, value... */
  public static List<String> headers(String accept, String subprotocol, List<String> handlers) {
    List<String> fields = new ArrayList<>(handlers);
    fields.addAll(List.of("Upgrade", "websocket", "Connection", "Upgrade"));
    fields.addAll(List.of("Sec-WebSocket-Accept", accept));
    if (subprotocol != null) {
      fields.addAll(List.of("Sec-WebSocket-Protocol", subprotocol));
    }
    return fields;
  }

  /** A key is 16 bytes in base64 (RFC 6455 §4.1, item 7): 24 characters. */
  private static boolean validKey(String key) {
    if (key.length() != 24) {
      return false;
    }
    try {
      return Base64.getDecoder().decode(key).length == 16;
    } catch (IllegalArgumentException e) {
      return false; // not base64: the caller answers 400
    }
  }

  /** True when the comma-separated {@code value} has {@code token} (any case). */
  private static boolean hasToken(String value, String token) {
    if (value == null) {
      return false;
    }
    for (String part : value.split(",", -1)) {
      if (part.trim().toLowerCase(Locale.ROOT).equals(token)) {
        return true;
      }
    }
    return false;
  }

  private static String trim(String value) {
    return value == null ? null : value.trim();
  }
}
