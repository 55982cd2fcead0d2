package dev.pollux.http.internal.connection;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.ThreadMXBean;
import dev.pollux.http.HttpServerOptions;
import dev.pollux.http.examples.TechEmpowerApp;
import dev.pollux.http.internal.SuppressForbidden;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The whole request/response path of a pipelined plaintext request (parse, route, handler, encode,
 * hand to the connection) allocates under 200 bytes per request once warm — the design target of
 * issue 3 — and the responses are right.
 */
@SuppressWarnings("StringConcatToTextBlock") // CRLFs read better as escapes
class ExchangeAllocationTest {

  private static final String PLAINTEXT =
      "GET /plaintext HTTP/1.1\r\nHost: localhost:8080\r\nAccept: text/plain\r\n"
          + "Connection: keep-alive\r\n\r\n";

  @Test
  @SuppressForbidden // the per-thread allocation counter is HotSpot's own API
  void answersPipelinedPlaintextWithFewBytesAllocatedPerRequest() {
    FakeConnection connection = new FakeConnection();
    HttpServerState context =
        HttpServerState.of(HttpServerOptions.defaults(), TechEmpowerApp.router());
    HttpConnection http = new HttpConnection(context, connection);
    http.onOpen(connection);
    ByteBuffer batch =
        ByteBuffer.allocateDirect(PLAINTEXT.length() * 16)
            .put(PLAINTEXT.repeat(16).getBytes(StandardCharsets.US_ASCII))
            .flip();
    http.onData(connection, batch.position(0));
    String first = connection.written.toString(StandardCharsets.US_ASCII);
    assertThat(first.split("Hello, World!", -1)).as("responses in %s", first).hasSize(17);
    assertThat(first).startsWith("HTTP/1.1 200 OK\r\nServer: pollux\r\nDate: ");
    assertThat(first).contains("Content-Type: text/plain\r\nContent-Length: 13\r\n\r\n");
    connection.keepWrites = false;
    for (int i = 0; i < 20_000; i++) {
      http.onData(connection, batch.position(0)); // warm up
    }
    ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    long id = Thread.currentThread().threadId();
    long before = threads.getThreadAllocatedBytes(id);
    int batches = 20_000;
    for (int i = 0; i < batches; i++) {
      http.onData(connection, batch.position(0));
    }
    long allocated = threads.getThreadAllocatedBytes(id) - before;
    double perRequest = (double) allocated / (batches * 16);
    assertThat(perRequest)
        .as("bytes allocated per pipelined plaintext request (%d in all)", allocated)
        .isLessThan(200.0);
    assertThat(context.counters().snapshot().responses2xx())
        .isEqualTo((1 + 20_000 + batches) * 16L);
  }
}
