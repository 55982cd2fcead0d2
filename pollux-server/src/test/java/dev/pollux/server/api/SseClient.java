package dev.pollux.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pollux.testing.net.RawClient;
import dev.pollux.testing.net.RawResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A server-sent events client over a raw socket: sends {@code GET} on HTTP/1.1, reads the head,
 * then decodes the chunked body into events. Every read has {@link ApiClient#DEADLINE}, so a test
 * fails instead of hanging; {@link #awaitEnd()} checks that the body ends cleanly (the last chunk)
 * and the server then closes.
 */
final class SseClient implements AutoCloseable {

  /** One event: its {@code event:} name (null if none) and its {@code data:} lines joined. */
  record Event(String name, String data) {}

  private final RawClient raw;
  private final String request;
  private final Map<String, String> headers = new LinkedHashMap<>();
  private final ArrayDeque<String> lines = new ArrayDeque<>();
  private final ByteArrayOutputStream partialLine = new ByteArrayOutputStream();
  private final int status;
  private boolean ended;

  private SseClient(RawClient raw, String request) throws IOException {
    this.raw = raw;
    this.request = request;
    String statusLine = raw.readLine();
    this.status = RawResponse.statusCode(statusLine);
    for (String line = raw.readLine(); !line.isEmpty(); line = raw.readLine()) {
      int colon = line.indexOf(':');
      headers.put(
          line.substring(0, colon).toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
    }
  }

  /** Opens {@code GET pathAndQuery} on a new connection to {@code api}; expects a 200 stream. */
  static SseClient open(ApiClient api, String pathAndQuery) throws IOException {
    RawClient raw = api.raw();
    try {
      String request = "GET " + pathAndQuery;
      raw.write(request + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n");
      SseClient client = new SseClient(raw, request);
      assertThat(client.status)
          .as("%s: status (headers %s)", request, client.headers)
          .isEqualTo(200);
      assertThat(client.header("Transfer-Encoding"))
          .as("%s: Transfer-Encoding (headers %s)", request, client.headers)
          .isEqualTo("chunked");
      return client;
    } catch (IOException | RuntimeException | AssertionError e) {
      raw.close();
      throw e;
    }
  }

  /** The response header {@code name} (any case), or null. */
  String header(String name) {
    return headers.get(name.toLowerCase(Locale.ROOT));
  }

  /** The next event; comments (heartbeats) are skipped. Fails when the stream ends first. */
  Event next() throws IOException {
    String name = null;
    List<String> data = new ArrayList<>();
    while (true) {
      String line = nextLine();
      if (line == null) {
        throw new AssertionError(request + ": the stream ended while an event was expected");
      }
      if (line.isEmpty()) {
        if (name != null || !data.isEmpty()) {
          return new Event(name, String.join("\n", data));
        }
      } else if (line.startsWith("event: ")) {
        name = line.substring("event: ".length());
      } else if (line.startsWith("data: ")) {
        data.add(line.substring("data: ".length()));
      } else if (!line.startsWith(":")) {
        throw new AssertionError(request + ": not an event-stream line: " + line);
      }
    }
  }

  /** Events until one matches {@code wanted}; fails after {@code limit} events without one. */
  Event nextMatching(Predicate<Event> wanted, int limit, String what) throws IOException {
    List<Event> seen = new ArrayList<>();
    for (int i = 0; i < limit; i++) {
      Event event = next();
      if (wanted.test(event)) {
        return event;
      }
      seen.add(event);
    }
    throw new AssertionError(
        request
            + ": no event "
            + what
            + " among "
            + limit
            + " events; the last ones: "
            + tail(seen));
  }

  /**
   * Reads on until the body ends with its last chunk; then the server must close the connection.
   * Returns the lines read on the way.
   */
  List<String> awaitEnd() throws IOException {
    List<String> rest = new ArrayList<>();
    for (String line = nextLine(); line != null; line = nextLine()) {
      rest.add(line);
    }
    assertThat(raw.awaitClosed())
        .as("%s: the connection closed after the last chunk", request)
        .isTrue();
    return rest;
  }

  /** The next line of the body, or null after its last chunk. */
  private String nextLine() throws IOException {
    while (lines.isEmpty()) {
      if (ended || !readChunk()) {
        ended = true;
        return null;
      }
    }
    return lines.pollFirst();
  }

  /** Reads one chunk into {@link #lines}; false for the last (empty) chunk. */
  private boolean readChunk() throws IOException {
    String sizeLine = raw.readLine();
    int semicolon = sizeLine.indexOf(';');
    int size =
        Integer.parseInt((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).strip(), 16);
    if (size == 0) {
      for (String trailer = raw.readLine(); !trailer.isEmpty(); trailer = raw.readLine()) {
        // Trailer fields are not used by event streams; read past them.
        assertThat(trailer).as("%s: a trailer field", request).contains(":");
      }
      return false;
    }
    for (byte b : raw.readBytes(size)) {
      if (b == '\n') {
        lines.addLast(partialLine.toString(StandardCharsets.UTF_8));
        partialLine.reset();
      } else {
        partialLine.write(b);
      }
    }
    assertThat(raw.readLine())
        .as("%s: the CRLF after a chunk of %d bytes", request, size)
        .isEmpty();
    return true;
  }

  private static List<Event> tail(List<Event> events) {
    return events.subList(Math.max(0, events.size() - 5), events.size());
  }

  @Override
  public void close() {
    raw.close();
  }
}
