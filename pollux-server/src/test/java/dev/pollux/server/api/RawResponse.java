package dev.pollux.server.api;

import dev.pollux.testing.net.RawClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 exchange over a raw socket with {@code Connection: close}, read to the end of the
 * stream and split into its status, headers (names lower-cased) and the bytes after the header
 * section, exactly as they came — used where {@link java.net.http.HttpClient} hides what matters (a
 * {@code HEAD} response's headers and the absence of its body).
 */
final class RawResponse {

  /** The request line, for failure messages. */
  final String request;

  /** The status code. */
  final int status;

  /** The bytes after the empty line. */
  final byte[] body;

  private final Map<String, String> headers;

  private RawResponse(String request, int status, Map<String, String> headers, byte[] body) {
    this.request = request;
    this.status = status;
    this.headers = headers;
    this.body = body;
  }

  /** Sends {@code method path} on a new connection of {@code api} and reads the whole answer. */
  static RawResponse exchange(ApiFixture api, String method, String path) throws IOException {
    String requestLine = method + " " + path + " HTTP/1.1";
    try (RawClient client = api.raw()) {
      client.write(requestLine + "\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
      return parse(requestLine, client.readToEnd());
    }
  }

  static RawResponse parse(String request, byte[] bytes) {
    int end = indexOf(bytes, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    if (end < 0) {
      throw new AssertionError(
          request
              + ": no end of the header section in "
              + new String(bytes, StandardCharsets.ISO_8859_1));
    }
    String[] lines = new String(bytes, 0, end, StandardCharsets.ISO_8859_1).split("\r\n", -1);
    String[] statusLine = lines[0].split(" ", 3);
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.put(
          lines[i].substring(0, colon).toLowerCase(Locale.ROOT),
          lines[i].substring(colon + 1).strip());
    }
    return new RawResponse(
        request,
        Integer.parseInt(statusLine[1]),
        headers,
        Arrays.copyOfRange(bytes, end + 4, bytes.length));
  }

  /** The header {@code name} (any case), or null. */
  String header(String name) {
    return headers.get(name.toLowerCase(Locale.ROOT));
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  @Override
  public String toString() {
    return request + " -> " + status + " " + headers + " and " + body.length + " body bytes";
  }
}
