package dev.pollux.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pollux.loop.Transport;
import dev.pollux.testing.net.RawResponse;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;

/** Server-sent events: delivery, heartbeats, a slow client kept bounded, a clean end. */
@OnEveryTransport
class EventStreamIT {

  @Parameter Transport transport;

  private final CopyOnWriteArrayList<EventStream> streams = new CopyOnWriteArrayList<>();
  private final CopyOnWriteArrayList<EventStream> closedAfterHead = new CopyOnWriteArrayList<>();
  private TestServer server;

  private void start(int queue, Duration heartbeat) throws Exception {
    start(queue, heartbeat, Duration.ofSeconds(30));
  }

  private void start(int queue, Duration heartbeat, Duration stall) throws Exception {
    HttpServerOptions options =
        HttpServerOptions.builder()
            .eventQueueCapacity(queue)
            .eventHeartbeat(heartbeat)
            .streamStallTimeout(stall)
            .build();
    server =
        new TestServer(
            transport,
            Router.create()
                .get(
                    "/events",
                    (q, r) -> {
                      EventStream stream = r.eventStream();
                      streams.add(stream);
                      stream.onClose(() -> streams.remove(stream));
                      if (q.method() == Method.HEAD) {
                        closedAfterHead.add(stream);
                        stream.send("ignored", "x"); // dropped: a HEAD has no body
                      }
                    })
                .get("/plain", (q, r) -> r.send("plain")),
            options);
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private RawHttpClient subscribe() throws Exception {
    RawHttpClient client = server.client();
    RawResponse head = client.send("GET /events HTTP/1.1\r\nHost: a\r\n\r\n").readHead();
    assertThat(head.status()).isEqualTo(200);
    assertThat(head.header("content-type")).isEqualTo("text/event-stream");
    assertThat(head.header("transfer-encoding")).isEqualTo("chunked");
    await().atMost(Duration.ofSeconds(20)).until(() -> !streams.isEmpty());
    return client;
  }

  private static String chunk(RawHttpClient client) throws Exception {
    byte[] chunk = client.chunk();
    return chunk == null ? null : new String(chunk, StandardCharsets.UTF_8);
  }

  @Test
  void deliversEventsSentFromAnotherThread() throws Exception {
    start(16, Duration.ofSeconds(15));
    try (RawHttpClient client = subscribe()) {
      Thread sender = Thread.ofPlatform().start(() -> streams.get(0).send("reading", "1.5\n2.5"));
      sender.join();
      assertThat(chunk(client)).isEqualTo("event: reading\ndata: 1.5\ndata: 2.5\n\n");
    }
  }

  @Test
  void sendsHeartbeatComments() throws Exception {
    start(16, Duration.ofMillis(100));
    try (RawHttpClient client = subscribe()) {
      assertThat(chunk(client)).isEqualTo(": heartbeat\n\n");
    }
  }

  @Test
  void dropsTheOldestEventsOfAClientThatDoesNotRead() throws Exception {
    start(8, Duration.ofSeconds(15));
    try (RawHttpClient client = subscribe()) {
      EventStream stream = streams.get(0);
      String payload = "x".repeat(1024);
      int sent = 0;
      while (stream.dropped() == 0 && sent < 100_000) {
        stream.send("bulk", payload + sent++);
      }
      assertThat(stream.dropped())
          .as("dropped after %d events to a client that reads nothing", sent)
          .isPositive();
      stream.send("last", "final");
      int received = 0;
      for (String event = chunk(client); !event.startsWith("event: last"); event = chunk(client)) {
        received++;
      }
      assertThat(received).as("events received of %d sent", sent).isLessThan(sent);
    }
  }

  @Test
  void closesAClientWhoseQueueStaysFullForTheStallTimeout() throws Exception {
    start(8, Duration.ofSeconds(15), Duration.ofMillis(500));
    try (RawHttpClient client = subscribe()) {
      EventStream stream = streams.get(0);
      String payload = "x".repeat(16 * 1024);
      // The source goes on at about 10 MB/s: the socket buffers fill, the queue fills and stays
      // full, since the client reads nothing.
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                for (int i = 0; i < 64; i++) {
                  stream.send("bulk", payload);
                }
                return !stream.isOpen();
              });
      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(
              () ->
                  assertThat(server.server.stats().openConnections())
                      .as("connections open after the stall")
                      .isZero());
      assertThat(endsWithin20Seconds(client)).as("the client's connection ends").isTrue();
    }
  }

  /** Reads what the server had sent until the close (or the reset of an abort). */
  private static boolean endsWithin20Seconds(RawHttpClient client) {
    try {
      client.rest();
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true; // reset: the server aborted
    }
  }

  @Test
  void answersHeadWithTheHeadOnlyAndServesWhatIsPipelinedAfterIt() throws Exception {
    start(16, Duration.ofMillis(50));
    try (RawHttpClient client = server.client()) {
      client.send("HEAD /events HTTP/1.1\r\nHost: a\r\n\r\nGET /plain HTTP/1.1\r\nHost: a\r\n\r\n");
      RawResponse head = client.read(true);
      assertThat(head.status()).as("HEAD /events status").isEqualTo(200);
      assertThat(head.header("content-type")).isEqualTo("text/event-stream");
      RawResponse next = client.read();
      assertThat(next.bodyText()).as("GET pipelined after HEAD /events").isEqualTo("plain");
      await().atMost(Duration.ofSeconds(20)).until(streams::isEmpty);
      assertThat(closedAfterHead).as("the HEAD's stream, seen by its handler").hasSize(1);
      assertThat(closedAfterHead.get(0).isOpen()).as("HEAD stream isOpen()").isFalse();
    }
  }

  @Test
  void endsStreamsCleanlyOnShutdown() throws Exception {
    start(16, Duration.ofSeconds(15));
    try (RawHttpClient client = subscribe()) {
      EventStream stream = streams.get(0);
      server.server.close();
      server.group.shutdownGracefully(Duration.ofSeconds(10)); // returns once the stream closed
      assertThat(client.chunk()).as("the last chunk after shutdown").isNull();
      assertThat(client.closedByServer()).isTrue();
      assertThat(stream.isOpen()).isFalse();
    }
  }
}
