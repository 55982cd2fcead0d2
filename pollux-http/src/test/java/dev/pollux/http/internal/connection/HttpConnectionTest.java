package dev.pollux.http.internal.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pollux.http.EventStream;
import dev.pollux.http.HttpServerOptions;
import dev.pollux.http.Response;
import dev.pollux.http.ResponseStream;
import dev.pollux.http.Router;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link HttpConnection} on a fake connection: ordering, deferred responses, split bodies. */
@SuppressWarnings("StringConcatToTextBlock") // CRLFs read better as escapes
class HttpConnectionTest {

  private final FakeConnection connection = new FakeConnection();
  private static final String BIG = "x".repeat(1000);

  private final List<Response> deferred = new ArrayList<>();
  private final List<ResponseStream> streams = new ArrayList<>();
  private final List<EventStream> events = new ArrayList<>();
  private final HttpConnection http =
      new HttpConnection(
          HttpServerState.of(
              HttpServerOptions.defaults(),
              Router.create()
                  .get("/later", (q, r) -> deferred.add(r))
                  .get("/now", (q, r) -> r.send("now"))
                  .get("/big", (q, r) -> r.send(BIG))
                  .get("/stream", (q, r) -> streams.add(r.stream()))
                  .get("/events", (q, r) -> events.add(r.eventStream()))
                  .post("/echo", (q, r) -> r.send("echo " + q.bodyText()))),
          connection);

  private void receive(String raw) {
    http.onData(connection, ByteBuffer.wrap(raw.getBytes(StandardCharsets.ISO_8859_1)));
  }

  private String written() {
    return connection.written.toString(StandardCharsets.ISO_8859_1);
  }

  private static String bodies(String wire) {
    StringBuilder bodies = new StringBuilder();
    int at = wire.indexOf("HTTP/1.1 ");
    while (at >= 0) {
      int next = wire.indexOf("HTTP/1.1 ", at + 1);
      String part = wire.substring(at, next < 0 ? wire.length() : next);
      bodies.append(part.substring(part.indexOf("\r\n\r\n") + 4)).append('|');
      at = next;
    }
    return bodies.toString();
  }

  @Test
  void holdsLaterPipelinedRequestsUntilADeferredResponseIsSent() {
    http.onOpen(connection);
    receive(
        "GET /later HTTP/1.1\r\nHost: a\r\n\r\nGET /now HTTP/1.1\r\nHost: a\r\n\r\n"
            + "GET /later HTTP/1.1\r\nHost: a\r\n\r\n");
    assertThat(written()).as("written while the first response is deferred").isEmpty();
    assertThat(deferred).hasSize(1);
    deferred.get(0).send("first");
    assertThat(bodies(written())).as("after the first completes").isEqualTo("first|now|");
    assertThat(deferred).as("the third request reached its handler").hasSize(2);
    deferred.get(1).send("third");
    assertThat(bodies(written())).isEqualTo("first|now|third|");
  }

  @Test
  void collectsABodySplitAcrossReads() {
    http.onOpen(connection);
    receive("POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 11\r\n\r\nhello");
    receive(" wor");
    receive("ldGET /now HTTP/1.1\r\nHost: a\r\n\r\n");
    assertThat(bodies(written())).isEqualTo("echo hello world|now|");
  }

  @Test
  void sendsContinueOnlyWhenTheBodyHasNotArrived() {
    http.onOpen(connection);
    receive(
        "POST /echo HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\nhi");
    assertThat(written()).doesNotContain("100 Continue").contains("echo hi");
    receive("POST /echo HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n");
    assertThat(written()).endsWith("HTTP/1.1 100 Continue\r\n\r\n");
  }

  @Test
  void answersAnInvalidRequestOnceAndIgnoresWhatFollows() {
    http.onOpen(connection);
    receive("GET / HTTP/1.1\r\nHost : a\r\n\r\nGET /now HTTP/1.1\r\nHost: a\r\n\r\n");
    receive("GET /now HTTP/1.1\r\nHost: a\r\n\r\n");
    assertThat(written()).startsWith("HTTP/1.1 400 Bad Request\r\n").doesNotContain("now");
    assertThat(written()).contains("\"detail\":\"whitespace before colon\"");
    assertThat(connection.isOpen()).as("connection open after a refusal").isFalse();
  }

  @Test
  void stopsAnsweringPipelinedRequestsWhileTheClientDoesNotRead() {
    http.onOpen(connection);
    connection.highWatermark = 4096;
    int count = 1000;
    receive("GET /big HTTP/1.1\r\nHost: a\r\n\r\n".repeat(count));
    long bound = connection.highWatermark + 16 * 1024 + BIG.length() + 200;
    assertThat(connection.bytesWritten)
        .as("bytes queued for a client that reads nothing (%d requests pipelined)", count)
        .isBetween(1L, bound);
    assertThat(connection.held)
        .as("bytes held: the unparsed requests of one read")
        .isLessThanOrEqualTo(40L * count + 1024);
    long before;
    do {
      before = connection.bytesWritten;
      connection.drain(); // the client reads what was queued
      http.onWritable(connection);
    } while (connection.bytesWritten > before);
    assertThat(written().split("HTTP/1.1 200 ", -1))
        .as("responses once the client reads")
        .hasSize(count + 1);
  }

  @Test
  void answersARequestWhoseBodyTricklesPastTheRequestTimeWith408() {
    http.onOpen(connection);
    receive("POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\nh");
    receive("e"); // a byte every few seconds: the idle timer alone would never fire
    assertThat(connection.fireTimers()).as("a request timer armed").isTrue();
    assertThat(written()).startsWith("HTTP/1.1 408 ");
    assertThat(connection.isOpen()).as("open after the 408").isFalse();
  }

  @Test
  void holdsLittleForOneByteOfADeclaredMebibyteAndNothingOnceClosed() {
    http.onOpen(connection);
    receive("POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 1048576\r\n\r\nx");
    assertThat(connection.held)
        .as("bytes held after 1 byte of a declared 1 MiB body")
        .isPositive()
        .isLessThan(16 * 1024);
    http.onClosed(connection, null);
    assertThat(connection.held).as("held after the close").isZero();
  }

  @Test
  void closesAStreamWhoseClientStoppedReadingAtTheIdleTimeout() {
    http.onOpen(connection);
    connection.highWatermark = 100;
    receive("GET /stream HTTP/1.1\r\nHost: a\r\n\r\n");
    streams.get(0).write(BIG); // above the watermark: the client has not read it
    http.onIdle(connection);
    assertThat(connection.aborted).as("aborted at the idle timeout").isTrue();
  }

  @Test
  void keepsAQuietStreamWhoseClientReadsOpenAtTheIdleTimeout() {
    http.onOpen(connection);
    receive("GET /stream HTTP/1.1\r\nHost: a\r\n\r\n");
    connection.drain(); // the client read the head
    http.onIdle(connection);
    assertThat(connection.isOpen()).as("open after the idle timeout").isTrue();
  }

  @Test
  void anEventStreamDrainingAFullQueueStopsNearTheWatermark() {
    http.onOpen(connection);
    receive("GET /events HTTP/1.1\r\nHost: a\r\n\r\n");
    connection.highWatermark = 0; // not writable: the events wait in the stream's queue
    String payload = "x".repeat(4000);
    for (int i = 0; i < 64; i++) {
      events.get(0).send("bulk", payload);
    }
    connection.drain();
    connection.highWatermark = 20 * 1024;
    http.onWritable(connection); // the client read: the stream drains its queue in one go

    // Handed over every 16 KiB, so writability is seen again: at most one gathering and one event
    // past the watermark, not the 64 events (256 KB) of the queue.
    assertThat(connection.queued)
        .as("queued after draining 64 events of 4 KB")
        .isBetween(20L * 1024, 20L * 1024 + StreamedBody.GATHER_LIMIT_BYTES + 4100);
  }

  @Test
  void anEventStreamCountsTheExchangeItKeepsForItsWholeLife() {
    http.onOpen(connection);
    receive("GET /events HTTP/1.1\r\nHost: a\r\n\r\n");

    assertThat(connection.held)
        .as("held by an event stream with nothing queued")
        .isGreaterThanOrEqualTo(Exchange.OBJECT_BYTES);
    events.get(0).close();
    assertThat(connection.held).as("held once the stream ended").isZero();
  }
}
