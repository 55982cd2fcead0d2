package dev.pollux.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pollux.loop.Transport;
import dev.pollux.testing.net.RawResponse;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each request-smuggling shape, sent with a second request hidden behind it: the server refuses the
 * first with its status, closes, and never answers (or even routes) the smuggled one.
 */
@SuppressWarnings("StringConcatToTextBlock") // CRLFs read better as escapes
@OnEveryTransport
class SmugglingIT {

  private static final String SMUGGLED = "GET /smuggled HTTP/1.1\r\nHost: a\r\n\r\n";
  private static final AtomicInteger smuggledAnswered = new AtomicInteger();
  private static TestServer server;

  /** Taken by {@link #start}; declared so that the class has the transport as its parameter. */
  @Parameter Transport transport;

  @BeforeParameterizedClassInvocation
  static void start(Transport transport) throws Exception {
    server =
        new TestServer(
            transport,
            Router.create()
                .post("/", (q, r) -> r.send("posted"))
                .get(
                    "/smuggled",
                    (q, r) -> {
                      smuggledAnswered.incrementAndGet();
                      r.send("smuggled");
                    }));
  }

  @AfterParameterizedClassInvocation
  static void stop() {
    server.close();
  }

  static Stream<Arguments> cases() {
    String post = "POST / HTTP/1.1\r\nHost: a\r\n";
    return Stream.of(
        Arguments.of(
            "CL.TE",
            400,
            post + "Content-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n" + SMUGGLED),
        Arguments.of(
            "TE.CL",
            400,
            post + "Transfer-Encoding: chunked\r\nContent-Length: 40\r\n\r\n0\r\n\r\n" + SMUGGLED),
        Arguments.of(
            "differing Content-Length",
            400,
            post + "Content-Length: 0\r\nContent-Length: 36\r\n\r\n" + SMUGGLED),
        Arguments.of(
            "unknown transfer coding",
            501,
            post + "Transfer-Encoding: identity\r\n\r\n" + SMUGGLED),
        Arguments.of(
            "chunked not final",
            400,
            post + "Transfer-Encoding: chunked, identity\r\n\r\n0\r\n\r\n" + SMUGGLED),
        Arguments.of(
            "whitespace before colon",
            400,
            post + "Transfer-Encoding : chunked\r\nContent-Length: 0\r\n\r\n" + SMUGGLED),
        Arguments.of(
            "obsolete line folding",
            400,
            post + "Transfer-Encoding: x\r\n chunked\r\n\r\n0\r\n\r\n" + SMUGGLED),
        Arguments.of(
            "bare CR", 400, post + "X: a\rTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n" + SMUGGLED),
        Arguments.of(
            "invalid chunk size",
            400,
            post + "Transfer-Encoding: chunked\r\n\r\n0x0\r\n\r\n" + SMUGGLED),
        Arguments.of(
            "chunk size overflow",
            400,
            post + "Transfer-Encoding: chunked\r\n\r\n10000000000000000\r\n\r\n" + SMUGGLED),
        Arguments.of(
            "bare LF after chunk data",
            400,
            post + "Transfer-Encoding: chunked\r\n\r\n1\r\nx\n0\r\n\r\n" + SMUGGLED));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("cases")
  void refusesAndClosesWithoutAnsweringTheSmuggledRequest(String name, int status, String raw)
      throws Exception {
    int before = smuggledAnswered.get();
    try (RawHttpClient client = server.client()) {
      RawResponse reply = client.send(raw).read();
      assertThat(reply.status()).as("status for %s", name).isEqualTo(status);
      assertThat(reply.header("connection")).as("Connection of the refusal").isEqualTo("close");
      assertThat(reply.header("content-type")).isEqualTo("application/problem+json");
      assertThat(client.rest()).as("bytes after the refusal of %s", name).isEmpty();
    }
    assertThat(smuggledAnswered.get()).as("smuggled requests routed").isEqualTo(before);
  }
}
