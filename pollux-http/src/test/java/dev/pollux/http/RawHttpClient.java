package dev.pollux.http;

import dev.pollux.testing.net.RawClient;
import dev.pollux.testing.net.RawResponse;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * An HTTP/1.1 connection for this module's tests: sends exact bytes and reads responses one at a
 * time, as pollux-testing's {@link RawResponse} reads them (framed by Content-Length, chunked
 * coding or the close), so that tests see exactly what the server put on the wire. Only the calling
 * convention is here: {@code client.send(request).read()}.
 */
final class RawHttpClient implements AutoCloseable {

  /** How long a read (a whole response, a chunk, the close) may take before the test fails. */
  private static final Duration DEADLINE = Duration.ofSeconds(20);

  private final RawClient client;
  private int responses;

  private RawHttpClient(RawClient client) {
    this.client = client;
  }

  /** Connects to {@code address}. */
  static RawHttpClient connect(InetSocketAddress address) throws IOException {
    return new RawHttpClient(RawClient.connect(address, DEADLINE));
  }

  /** A client over {@code socket}, connected already. */
  static RawHttpClient over(Socket socket) throws IOException {
    return new RawHttpClient(RawClient.over(socket, DEADLINE));
  }

  RawHttpClient send(String raw) throws IOException {
    return send(raw.getBytes(StandardCharsets.ISO_8859_1));
  }

  RawHttpClient send(byte[] raw) throws IOException {
    client.write(raw);
    return this;
  }

  /** Reads one response to a request that was not HEAD. */
  RawResponse read() throws IOException {
    return read(false);
  }

  /** Reads one response; {@code head}: it answers a HEAD, so it has no body whatever it says. */
  RawResponse read(boolean head) throws IOException {
    return RawResponse.read(client, nextResponse(), head);
  }

  /** Reads a status line and header section only; the body (if any) stays unread. */
  RawResponse readHead() throws IOException {
    return RawResponse.readHead(client, nextResponse());
  }

  /** Reads one chunk of a chunked body, or null at the last chunk. */
  byte[] chunk() throws IOException {
    return RawResponse.readChunk(client);
  }

  /** True when the server closes (or resets) within the deadline; see {@link RawClient}. */
  boolean closedByServer() throws IOException {
    return client.awaitClosed();
  }

  /** Everything until the server closes. */
  String rest() throws IOException {
    return new String(client.readToEnd(), StandardCharsets.ISO_8859_1);
  }

  /** Names the response in failure messages: its place on this connection. */
  private String nextResponse() {
    responses++;
    return "response " + responses + " on " + client.socket().getLocalSocketAddress();
  }

  @Override
  public void close() {
    client.close();
  }
}
