package dev.pollux.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pollux.loop.Transport;
import dev.pollux.testing.net.RawResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;

/** Each limit of {@link HttpServerOptions} with its status, on a server with small limits. */
@SuppressWarnings("StringConcatToTextBlock") // CRLFs read better as escapes
@OnEveryTransport
class LimitsIT {

  private static TestServer server;

  /** The transport of this run, also given to {@link #start}. */
  @Parameter Transport transport;

  @BeforeParameterizedClassInvocation
  static void start(Transport transport) throws Exception {
    HttpServerOptions options =
        HttpServerOptions.builder()
            .maxRequestLineBytes(100)
            .maxHeaderBytes(200)
            .maxHeaderFields(5)
            .maxBodyBytes(64)
            .headerReadTimeout(Duration.ofMillis(500))
            .keepAliveTimeout(Duration.ofSeconds(2))
            .build();
    server =
        new TestServer(
            transport,
            Router.create()
                .get("/", (q, r) -> r.send("ok"))
                .post("/", (q, r) -> r.send("got " + q.body().remaining()))
                .put("/small", 16, (q, r) -> r.send("small " + q.body().remaining())),
            options);
  }

  @AfterParameterizedClassInvocation
  static void stop() {
    server.close();
  }

  private static void refused(String raw, int status) throws Exception {
    try (RawHttpClient client = server.client()) {
      RawResponse reply = client.send(raw).read();
      assertThat(reply.status()).as("status for a request over a limit").isEqualTo(status);
      assertThat(reply.header("connection")).isEqualTo("close");
      assertThat(client.closedByServer()).as("closed after %d", status).isTrue();
    }
  }

  @Test
  void refusesALongRequestLineWith414() throws Exception {
    refused("GET /" + "a".repeat(200) + " HTTP/1.1\r\nHost: a\r\n\r\n", 414);
  }

  @Test
  void refusesALargeHeaderSectionWith431() throws Exception {
    refused("GET / HTTP/1.1\r\nHost: a\r\nX: " + "b".repeat(300) + "\r\n\r\n", 431);
  }

  @Test
  void refusesTooManyHeaderFieldsWith431() throws Exception {
    refused("GET / HTTP/1.1\r\nHost: a\r\nA: 1\r\nB: 2\r\nC: 3\r\nD: 4\r\nE: 5\r\n\r\n", 431);
  }

  @Test
  void refusesADeclaredLargeBodyWith413() throws Exception {
    refused("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 65\r\n\r\n", 413);
  }

  @Test
  void refusesAChunkedLargeBodyWith413() throws Exception {
    refused(
        "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "40\r\n"
            + "x".repeat(64)
            + "\r\n1\r\n",
        413);
  }

  @Test
  void refusesABodyDeclaredOverItsRoutesLimitBeforeReadingIt() throws Exception {
    // Only the head is sent: the answer comes without waiting for a byte of the body.
    refused("PUT /small HTTP/1.1\r\nHost: a\r\nContent-Length: 17\r\n\r\n", 413);
  }

  @Test
  void refusesAChunkedBodyWhenItPassesItsRoutesLimit() throws Exception {
    refused(
        "PUT /small HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "10\r\n"
            + "x".repeat(16)
            + "\r\n1\r\n",
        413);
  }

  @Test
  void acceptsABodyAtItsRoutesLimit() throws Exception {
    try (RawHttpClient client = server.client()) {
      RawResponse reply =
          client
              .send("PUT /small HTTP/1.1\r\nHost: a\r\nContent-Length: 16\r\n\r\n" + "x".repeat(16))
              .read();
      assertThat(reply.bodyText()).isEqualTo("small 16");
    }
  }

  @Test
  void acceptsABodyAtTheLimit() throws Exception {
    try (RawHttpClient client = server.client()) {
      RawResponse reply =
          client
              .send("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 64\r\n\r\n" + "x".repeat(64))
              .read();
      assertThat(reply.bodyText()).isEqualTo("got 64");
    }
  }

  @Test
  void answersAStalledClientWith408WhileServingAnother() throws Exception {
    try (RawHttpClient stalled = server.client();
        RawHttpClient other = server.client()) {
      stalled.send("GET / HTTP/1.1\r\nHost: a\r\n"); // and nothing more
      RawResponse served = other.send("GET / HTTP/1.1\r\nHost: a\r\n\r\n").read();
      assertThat(served.bodyText()).as("the other client's answer").isEqualTo("ok");
      RawResponse timedOut = stalled.read();
      assertThat(timedOut.status()).as("status for the stalled client").isEqualTo(408);
      assertThat(stalled.closedByServer()).as("stalled client closed").isTrue();
      assertThat(other.send("GET / HTTP/1.1\r\nHost: a\r\n\r\n").read().bodyText()).isEqualTo("ok");
    }
  }

  @Test
  void refusesConnectionsBeyondTheMaximumWith503() throws Exception {
    try (TestServer small =
        new TestServer(
            transport,
            (q, r) -> r.send("ok"),
            HttpServerOptions.builder().maxConnections(1).build())) {
      try (RawHttpClient first = small.client();
          RawHttpClient second = small.client()) {
        assertThat(first.send("GET / HTTP/1.1\r\nHost: a\r\n\r\n").read().bodyText())
            .isEqualTo("ok");
        RawResponse refused = second.read();
        assertThat(refused.status()).as("status beyond maxConnections").isEqualTo(503);
        assertThat(refused.header("retry-after")).isEqualTo("1");
        assertThat(second.closedByServer()).isTrue();
      }
    }
  }

  @Test
  void closesAnIdleKeepAliveConnectionSilently() throws Exception {
    try (RawHttpClient client = server.client()) {
      assertThat(client.send("GET / HTTP/1.1\r\nHost: a\r\n\r\n").read().bodyText())
          .isEqualTo("ok");
      assertThat(client.rest()).as("bytes sent at the idle close").isEmpty();
    }
  }
}
