package dev.pollux.testing.net;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * An HTTP/1.1 response as it came over a raw socket, split into its status, headers (names
 * lower-cased; repeated ones joined with {@code ", "}) and body bytes — for tests where a client
 * library would hide what matters (a {@code HEAD} response's headers and the absence of its body, a
 * path it would normalise). Either a whole exchange read to the end of the stream ({@link #parse}),
 * or one response read from a connection that stays open ({@link #read}).
 *
 * <pre>{@code
 * client.write("HEAD /temp HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
 * RawResponse response = RawResponse.parse("HEAD /temp", client.readToEnd());
 * assertThat(response.status()).isEqualTo(200);
 * }</pre>
 */
public final class RawResponse {

  private static final byte[] END_OF_HEAD = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

  private final String request;
  private final int status;
  private final Map<String, String> headers;
  private final byte[] body;

  private RawResponse(String request, int status, Map<String, String> headers, byte[] body) {
    this.request = request;
    this.status = status;
    this.headers = headers;
    this.body = body;
  }

  /**
   * Splits {@code bytes}, everything the server sent until it closed, into status line, headers and
   * body; {@code request} names the request in failure messages.
   */
  public static RawResponse parse(String request, byte[] bytes) {
    int end = indexOf(bytes, END_OF_HEAD);
    if (end < 0) {
      throw new AssertionError(
          request
              + ": no end of the header section in "
              + new String(bytes, StandardCharsets.ISO_8859_1));
    }
    String[] lines = new String(bytes, 0, end, StandardCharsets.ISO_8859_1).split("\r\n", -1);
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      addHeader(headers, lines[i]);
    }
    return new RawResponse(
        request,
        statusCode(lines[0]),
        headers,
        Arrays.copyOfRange(bytes, end + END_OF_HEAD.length, bytes.length));
  }

  /**
   * Reads one response from {@code client}, which stays open: the head line by line, then a body
   * framed by {@code Content-Length} or chunked coding (or none, for {@code head}, 1xx, 204 and
   * 304); without either, to the end of the stream. {@code head}: it answers a {@code HEAD}.
   */
  public static RawResponse read(RawClient client, String request, boolean head)
      throws IOException {
    RawResponse response = readHead(client, request);
    int status = response.status;
    Map<String, String> headers = response.headers;
    byte[] body;
    if (head || status < 200 || status == 204 || status == 304) {
      body = new byte[0];
    } else if ("chunked".equals(headers.get("transfer-encoding"))) {
      body = chunked(client);
    } else if (headers.containsKey("content-length")) {
      body = client.readBytes(Integer.parseInt(headers.get("content-length")));
    } else {
      body = client.readToEnd();
    }
    return new RawResponse(request, status, headers, body);
  }

  /**
   * Reads the status line and header section of one response from {@code client} and leaves its
   * body, if any, unread — for a stream whose chunks the test reads one at a time with {@link
   * #readChunk}. The response returned has an empty body.
   */
  public static RawResponse readHead(RawClient client, String request) throws IOException {
    int status = statusCode(client.readLine());
    Map<String, String> headers = new LinkedHashMap<>();
    for (String line = client.readLine(); !line.isEmpty(); line = client.readLine()) {
      addHeader(headers, line);
    }
    return new RawResponse(request, status, headers, new byte[0]);
  }

  /**
   * Reads one chunk of a chunked body (RFC 9112 section 7.1: size line, data, CRLF) from {@code
   * client}: its data, or null at the last chunk, whose (empty) trailer section it reads too.
   */
  public static byte[] readChunk(RawClient client) throws IOException {
    int size = chunkSize(client.readLine());
    if (size == 0) {
      client.readLine(); // the empty trailer section
      return null;
    }
    byte[] data = client.readBytes(size);
    client.readLine(); // the CRLF after the data
    return data;
  }

  /**
   * The status code of a status line such as {@code HTTP/1.1 413 Content Too Large}; an {@link
   * AssertionError} naming the line when it is not one.
   */
  public static int statusCode(String statusLine) {
    if (!statusLine.startsWith("HTTP/1.1 ") || statusLine.length() < 12) {
      throw new AssertionError("not an HTTP/1.1 status line: " + statusLine);
    }
    try {
      return Integer.parseInt(statusLine.substring(9, 12));
    } catch (NumberFormatException e) {
      throw new AssertionError("no status code in " + statusLine, e);
    }
  }

  private static void addHeader(Map<String, String> headers, String line) {
    int colon = line.indexOf(':');
    if (colon <= 0) {
      throw new AssertionError("not a header field: " + line);
    }
    headers.merge(
        line.substring(0, colon).toLowerCase(Locale.ROOT),
        line.substring(colon + 1).strip(),
        (first, next) -> first + ", " + next);
  }

  private static byte[] chunked(RawClient client) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (byte[] chunk = readChunk(client); chunk != null; chunk = readChunk(client)) {
      body.writeBytes(chunk);
    }
    return body.toByteArray();
  }

  private static int chunkSize(String line) {
    int extension = line.indexOf(';');
    return Integer.parseInt(extension < 0 ? line : line.substring(0, extension), 16);
  }

  /** The request, as given, for failure messages. */
  public String request() {
    return request;
  }

  /** The status code. */
  public int status() {
    return status;
  }

  /** The header {@code name} (any case), or null. */
  public String header(String name) {
    return headers.get(name.toLowerCase(Locale.ROOT));
  }

  /** The header fields, names lower-cased, in the order they came. */
  public Map<String, String> headers() {
    return Map.copyOf(headers);
  }

  /** The bytes after the header section. */
  public byte[] body() {
    return body.clone();
  }

  /** The body as UTF-8. */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
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
