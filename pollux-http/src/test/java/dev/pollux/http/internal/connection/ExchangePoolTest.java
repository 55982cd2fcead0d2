package dev.pollux.http.internal.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pollux.http.HttpServerOptions;
import dev.pollux.http.Request;
import dev.pollux.http.Response;
import dev.pollux.http.Router;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The request state a connection borrows from its loop's {@link ExchangePool}: held only while a
 * request is in flight, the same one for a keep-alive or pipelining connection, never two
 * connections' at once, reset when it comes back.
 */
@SuppressWarnings("StringConcatToTextBlock") // CRLFs read better as escapes
class ExchangePoolTest {

  private static final String NOW = "GET /now HTTP/1.1\r\nHost: a\r\n\r\n";
  private static final String LATER = "GET /later HTTP/1.1\r\nHost: a\r\n\r\n";

  private final List<Request> requests = new ArrayList<>();
  private final List<Response> deferred = new ArrayList<>();
  private final HttpServerState server =
      HttpServerState.of(
          HttpServerOptions.defaults(),
          Router.create()
              .get(
                  "/now",
                  (q, r) -> {
                    requests.add(q);
                    r.send("now");
                  })
              .get(
                  "/later",
                  (q, r) -> {
                    requests.add(q);
                    deferred.add(r);
                  }));
  private final FakeConnection loop = new FakeConnection();
  private final ExchangePool pool = server.pool(loop);

  private HttpConnection open(FakeConnection connection) {
    HttpConnection http = new HttpConnection(server, connection);
    http.onOpen(connection);
    return http;
  }

  private static void receive(HttpConnection http, FakeConnection c, String raw) {
    http.onData(c, ByteBuffer.wrap(raw.getBytes(StandardCharsets.ISO_8859_1)));
  }

  private static String written(FakeConnection c) {
    return c.written.toString(StandardCharsets.ISO_8859_1);
  }

  @Test
  void anIdleKeepAliveConnectionHoldsNoRequestState() {
    HttpConnection http = open(loop);
    receive(http, loop, NOW);
    assertThat(written(loop)).endsWith("\r\n\r\nnow");
    assertThat(pool.freeCount()).as("given back after the response").isEqualTo(1);
    assertThat(loop.held).as("bytes the connection reports holding when idle").isZero();

    receive(http, loop, "GET /now HTTP/1.1\r\nHo");
    assertThat(pool.freeCount()).as("taken at the first byte of a request").isZero();
    assertThat(loop.held).as("the head arrays, while the head arrives").isPositive();
    receive(http, loop, "st: a\r\n\r\n");
    assertThat(written(loop).split("\r\n\r\nnow", -1)).hasSize(3);
    assertThat(pool.freeCount()).isEqualTo(1);
    assertThat(loop.held).isZero();
  }

  @Test
  void keepAliveAndPipelinedRequestsReuseOneExchange() {
    HttpConnection http = open(loop);
    receive(http, loop, NOW);
    receive(http, loop, NOW);
    receive(http, loop, NOW + NOW + NOW);
    assertThat(written(loop).split("HTTP/1.1 200 OK", -1)).hasSize(6);
    assertThat(requests).hasSize(5).allSatisfy(q -> assertThat(q).isSameAs(requests.get(0)));
    assertThat(pool.freeCount()).isEqualTo(1);
  }

  @Test
  void aDeferredResponseKeepsTheExchangeAndThePipelinedRestWaits() {
    HttpConnection http = open(loop);
    receive(http, loop, LATER + NOW);
    assertThat(pool.freeCount()).as("held while the response is pending").isZero();
    assertThat(written(loop)).isEmpty();
    deferred.get(0).send("later");
    assertThat(written(loop)).contains("\r\n\r\nlater").endsWith("\r\n\r\nnow");
    assertThat(pool.freeCount()).isEqualTo(1);
  }

  @Test
  void connectionsWithRequestsInFlightAtOnceHoldExchangesOfTheirOwn() {
    FakeConnection other = new FakeConnection(loop);
    HttpConnection first = open(loop);
    HttpConnection second = open(other);
    receive(first, loop, LATER);
    receive(second, other, LATER);
    assertThat(requests).hasSize(2);
    assertThat(requests.get(1)).isNotSameAs(requests.get(0));
    assertThat(deferred.get(1)).isNotSameAs(deferred.get(0));
    deferred.get(1).send("second");
    deferred.get(0).send("first");
    assertThat(written(loop)).endsWith("\r\n\r\nfirst");
    assertThat(written(other)).endsWith("\r\n\r\nsecond");
    assertThat(pool.freeCount()).isEqualTo(2);
  }

  @Test
  void aConnectionClosedMidHeadGivesBackAResetExchange() {
    FakeConnection other = new FakeConnection(loop);
    HttpConnection first = open(loop);
    receive(first, loop, "GET /later HTTP/1.1\r\nHost: a\r\nX-Half: ");
    first.onClosed(loop, null);
    assertThat(pool.freeCount()).isEqualTo(1);
    assertThat(loop.held).isZero();

    HttpConnection second = open(other);
    receive(second, other, NOW);
    assertThat(written(other)).startsWith("HTTP/1.1 200 OK").endsWith("\r\n\r\nnow");
  }

  @Test
  void aConnectionClosedWhileAHandlerHoldsItsRequestDropsTheExchange() {
    FakeConnection other = new FakeConnection(loop);
    HttpConnection first = open(loop);
    receive(first, loop, LATER);
    first.onClosed(loop, null);
    assertThat(pool.freeCount()).as("not reused while the handler holds it").isZero();
    deferred.get(0).send("too late"); // goes nowhere
    assertThat(written(loop)).isEmpty();

    HttpConnection second = open(other);
    receive(second, other, NOW);
    assertThat(requests.get(1)).isNotSameAs(requests.get(0));
    assertThat(written(other)).endsWith("\r\n\r\nnow");
  }

  @Test
  void aResponseGivenBackCannotBeCompletedAgainNorFailLaterForItsNextUser() {
    FakeConnection other = new FakeConnection(loop);
    HttpConnection first = open(loop);
    receive(first, loop, LATER);
    HttpResponse stale = (HttpResponse) deferred.get(0);
    int generation = stale.generation();
    stale.send("first");
    assertThatThrownBy(() -> stale.send("again")).isInstanceOf(IllegalStateException.class);

    HttpConnection second = open(other);
    receive(second, other, LATER);
    assertThat(deferred.get(1)).as("the same response, lent again").isSameAs(stale);
    stale.failed(new IllegalStateException("a blocking handler failed late"), generation);
    assertThat(written(other)).as("no 500 for a request the failure was never given").isEmpty();
    deferred.get(1).send("second");
    assertThat(written(other)).startsWith("HTTP/1.1 200 OK").endsWith("\r\n\r\nsecond");
  }

  @Test
  void thePoolKeepsAtMostItsBoundOfSpares() {
    List<Exchange> taken = new ArrayList<>();
    for (int i = 0; i < ExchangePool.MAX_FREE + 5; i++) {
      taken.add(pool.take());
    }
    assertThat(taken).doesNotHaveDuplicates();
    taken.forEach(pool::give);
    assertThat(pool.freeCount()).isEqualTo(ExchangePool.MAX_FREE);
    assertThat(pool.take()).isSameAs(taken.get(ExchangePool.MAX_FREE - 1));
  }
}
