package dev.pollux.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pollux.loop.NioTransport;
import dev.pollux.testing.net.RawResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link HttpServerOptions#defaultHeaders()}: on every response, whoever wrote it. */
@SuppressWarnings("StringConcatToTextBlock") // CRLFs read better as escapes
class DefaultHeadersIT {

  private static final HttpServerOptions NOSNIFF =
      HttpServerOptions.builder()
          .defaultHeader("X-Content-Type-Options", "nosniff")
          .maxConnections(2)
          .build();

  private TestServer server;

  @BeforeEach
  void start() throws Exception {
    server =
        new TestServer(
            NioTransport.standard(),
            Router.create()
                .get("/ok", (q, r) -> r.send("ok"))
                .get("/own", (q, r) -> r.header("x-content-type-options", "other").send("own"))
                .get("/events", (q, r) -> r.eventStream().close())
                .get(
                    "/boom",
                    (q, r) -> {
                      throw new IllegalStateException("boom");
                    }),
            NOSNIFF);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "GET /ok HTTP/1.1|Host: a, 200",
    "HEAD /ok HTTP/1.1|Host: a, 200",
    "GET /events HTTP/1.1|Host: a, 200",
    "GET /missing HTTP/1.1|Host: a, 404",
    "POST /ok HTTP/1.1|Host: a|Content-Length: 0, 405",
    "GET /boom HTTP/1.1|Host: a, 500",
    "GET /ok HTTP/1.1, 400",
    "GET /ok HTTP/1.1|Host : a, 400",
    "BREW /ok HTTP/1.1|Host: a, 501",
    "GET /ok HTTP/2.0|Host: a, 505",
  })
  void everyResponseCarriesTheDefaultHeader(String request, int status) throws Exception {
    try (RawHttpClient client = server.client()) {
      client.send(request.replace("|", "\r\n") + "\r\n\r\n");
      RawResponse reply = client.read(request.startsWith("HEAD"));
      assertThat(reply.status()).as("status of %s", request).isEqualTo(status);
      assertThat(reply.header("x-content-type-options"))
          .as("X-Content-Type-Options of %s", request)
          .isEqualTo("nosniff");
    }
  }

  @Test
  void aResponsesOwnFieldWins() throws Exception {
    try (RawHttpClient client = server.client()) {
      RawResponse reply = client.send("GET /own HTTP/1.1\r\nHost: a\r\n\r\n").read();
      assertThat(reply.header("x-content-type-options"))
          .as("X-Content-Type-Options set by the handler, once")
          .isEqualTo("other");
    }
  }

  @Test
  void theRefusalBeyondMaxConnectionsCarriesItToo() throws Exception {
    try (RawHttpClient first = server.client();
        RawHttpClient second = server.client();
        RawHttpClient third = server.client()) {
      assertThat(first.send("GET /ok HTTP/1.1\r\nHost: a\r\n\r\n").read().bodyText())
          .isEqualTo("ok");
      assertThat(second.send("GET /ok HTTP/1.1\r\nHost: a\r\n\r\n").read().bodyText())
          .isEqualTo("ok");
      RawResponse refused = third.read();
      assertThat(refused.status()).as("status beyond maxConnections").isEqualTo(503);
      assertThat(refused.header("x-content-type-options")).isEqualTo("nosniff");
    }
  }

  @Test
  void refusesFieldsTheServerOwnsOrThatWouldSplitTheHead() {
    assertThatThrownBy(() -> HttpServerOptions.builder().defaultHeader("Content-Length", "1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("header set by the server: Content-Length");
    assertThatThrownBy(() -> HttpServerOptions.builder().defaultHeader("X-A", "a\r\nX-B: b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid character");
    assertThatThrownBy(() -> HttpServerOptions.builder().defaultHeader("X A", "a"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("invalid default header name: X A");
  }
}
