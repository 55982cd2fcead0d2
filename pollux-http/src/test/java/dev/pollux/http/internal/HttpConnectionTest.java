package dev.pollux.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pollux.http.HttpServerOptions;
import dev.pollux.http.Response;
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
  private final List<Response> deferred = new ArrayList<>();
  private final HttpConnection http =
      new HttpConnection(
          ServerContext.of(
              HttpServerOptions.defaults(),
              Router.create()
                  .get("/later", (q, r) -> deferred.add(r))
                  .get("/now", (q, r) -> r.send("now"))
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
}
