package dev.pollux.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pollux.loop.Transport;
import dev.pollux.testing.net.RawResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;

/** The server over real sockets: keep-alive, pipelining, bodies, HEAD, errors, blocking work. */
@SuppressWarnings("StringConcatToTextBlock") // CRLFs read better as escapes
@OnEveryTransport
class HttpServerIT {

  @Parameter Transport transport;

  private final CountDownLatch release = new CountDownLatch(1);
  private final AtomicBoolean slowStarted = new AtomicBoolean();
  private final AtomicBoolean headStreamOpen = new AtomicBoolean(true);
  private TestServer server;

  @BeforeEach
  void start() throws Exception {
    Router router =
        Router.create()
            .get("/plaintext", (q, r) -> r.contentType("text/plain").send("Hello, World!"))
            .get("/host", (q, r) -> r.send("host " + q.header("Host") + " " + q.target()))
            .get(
                "/sensors/{id}",
                (q, r) -> r.send("sensor " + q.pathParam("id") + " " + q.query("x")))
            .post(
                "/echo",
                (q, r) -> {
                  ByteBuffer body = q.body();
                  byte[] copy = new byte[body.remaining()];
                  body.get(copy);
                  r.contentType("application/octet-stream").send(copy);
                })
            .get(
                "/boom",
                (q, r) -> {
                  throw new IllegalStateException("secret internal detail");
                })
            .get(
                "/slow",
                Handler.blocking(
                    (q, r) -> {
                      slowStarted.set(true);
                      assertThat(release.await(30, TimeUnit.SECONDS)).as("released").isTrue();
                      r.send("slow " + q.query("n"));
                    }))
            .get(
                "/stream",
                (q, r) -> {
                  try (ResponseStream s = r.stream()) {
                    s.write("ab");
                    s.write("cd");
                  }
                })
            .get(
                "/open-stream",
                (q, r) -> {
                  ResponseStream s = r.stream(); // never closed by the handler
                  s.write("ab");
                  headStreamOpen.set(s.isOpen());
                });
    server = new TestServer(transport, router);
  }

  @AfterEach
  void stop() {
    release.countDown();
    server.close();
  }

  @Test
  void answersJavaHttpClient() throws Exception {
    try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
      HttpResponse<String> get =
          client.send(
              HttpRequest.newBuilder(URI.create(server.url("/plaintext"))).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(get.statusCode()).as("GET /plaintext status").isEqualTo(200);
      assertThat(get.body()).isEqualTo("Hello, World!");
      assertThat(get.headers().firstValue("server")).hasValue("pollux");
      assertThat(get.headers().firstValue("date")).isPresent();
      assertThat(get.headers().firstValue("content-length")).hasValue("13");
      HttpResponse<String> post =
          client.send(
              HttpRequest.newBuilder(URI.create(server.url("/echo")))
                  .POST(HttpRequest.BodyPublishers.ofString("ping"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(post.body()).as("POST /echo body").isEqualTo("ping");
    }
  }

  @Test
  void acceptsAnAbsoluteFormTargetWhoseAuthorityStandsInForHost() throws Exception {
    try (RawHttpClient client = server.client()) {
      RawResponse plain =
          client.send("GET http://127.0.0.1:8080/plaintext HTTP/1.1\r\nHost: a\r\n\r\n").read();
      assertThat(plain.status()).as("GET http://127.0.0.1:8080/plaintext").isEqualTo(200);
      assertThat(plain.bodyText()).isEqualTo("Hello, World!");
      RawResponse host =
          client.send("GET HTTP://device.lan/host?x=1 HTTP/1.1\r\nHost: other\r\n\r\n").read();
      assertThat(host.bodyText())
          .as("the target's authority wins over a disagreeing Host")
          .isEqualTo("host device.lan /host?x=1");
    }
    try (RawHttpClient client = server.client()) {
      RawResponse ftp =
          client.send("GET ftp://127.0.0.1/plaintext HTTP/1.1\r\nHost: a\r\n\r\n").read();
      assertThat(ftp.status()).as("an absolute-form target of another scheme").isEqualTo(400);
    }
  }

  @Test
  void routesAPathWithEncodedUnreservedCharactersAsTheirCharacters() throws Exception {
    try (RawHttpClient client = server.client()) {
      RawResponse reply = client.send("GET /pl%61in%74ext HTTP/1.1\r\nHost: a\r\n\r\n").read();
      assertThat(reply.status()).as("GET /pl%61in%74ext").isEqualTo(200);
      assertThat(reply.bodyText()).isEqualTo("Hello, World!");
      RawResponse slash = client.send("GET /sensors%2Fx HTTP/1.1\r\nHost: a\r\n\r\n").read();
      assertThat(slash.status()).as("%2F is not a separator").isEqualTo(404);
      RawResponse inSegment = client.send("GET /sensors/a%2Fb HTTP/1.1\r\nHost: a\r\n\r\n").read();
      assertThat(inSegment.bodyText()).as("%2F inside a parameter").isEqualTo("sensor a/b null");
    }
  }

  @Test
  void answersALineThatIsNotARequestLineWith400AndAnUnknownMethodWith501() throws Exception {
    try (RawHttpClient client = server.client()) {
      assertThat(client.send("THIS IS NOT HTTP\r\n\r\n").read().status())
          .as("THIS IS NOT HTTP")
          .isEqualTo(400);
    }
    try (RawHttpClient client = server.client()) {
      assertThat(client.send("BREW /pot HTTP/1.1\r\nHost: a\r\n\r\n").read().status())
          .as("BREW /pot HTTP/1.1")
          .isEqualTo(501);
    }
  }

  @Test
  void answersOptionsAsteriskWithTheMethodsTheServerImplements() throws Exception {
    try (RawHttpClient client = server.client()) {
      RawResponse reply = client.send("OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n").read();
      assertThat(reply.status()).as("OPTIONS * status").isEqualTo(200);
      assertThat(reply.header("allow")).isEqualTo("GET, HEAD, POST, PUT, DELETE, PATCH, OPTIONS");
      assertThat(reply.header("content-length")).isEqualTo("0");
      assertThat(client.send("GET /plaintext HTTP/1.1\r\nHost: a\r\n\r\n").read().status())
          .as("the connection goes on")
          .isEqualTo(200);
    }
  }

  @Test
  void keepsOneConnectionAliveAcrossAThousandRequests() throws Exception {
    try (RawHttpClient client = server.client()) {
      for (int i = 0; i < 1000; i++) {
        RawResponse reply =
            client.send("GET /sensors/" + i + "?x=y HTTP/1.1\r\nHost: a\r\n\r\n").read();
        assertThat(reply.status()).as("status of request %d", i).isEqualTo(200);
        assertThat(reply.bodyText()).isEqualTo("sensor " + i + " y");
      }
      assertThat(server.server.stats().openConnections()).as("open connections").isEqualTo(1);
    }
  }

  @Test
  void answersSixtyFourPipelinedRequestsInOrder() throws Exception {
    StringBuilder batch = new StringBuilder();
    for (int i = 0; i < 64; i++) {
      batch
          .append("GET /sensors/s")
          .append(i)
          .append("?x=")
          .append(i)
          .append(" HTTP/1.1\r\nHost: a\r\n\r\n");
    }
    try (RawHttpClient client = server.client()) {
      client.send(batch.toString());
      for (int i = 0; i < 64; i++) {
        assertThat(client.read().bodyText())
            .as("response %d", i)
            .isEqualTo("sensor s" + i + " " + i);
      }
    }
  }

  @Test
  void readsAChunkedUploadThenTheNextRequest() throws Exception {
    try (RawHttpClient client = server.client()) {
      client.send(
          "POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
              + "5\r\nhello\r\n1;x=y\r\n \r\n5\r\nworld\r\n0\r\n\r\n"
              + "GET /plaintext HTTP/1.1\r\nHost: a\r\n\r\n");
      assertThat(client.read().bodyText())
          .as("echo of the chunked upload")
          .isEqualTo("hello world");
      assertThat(client.read().bodyText()).as("the request after it").isEqualTo("Hello, World!");
    }
  }

  @Test
  void answersHeadWithTheHeadersOfGetAndNoBody() throws Exception {
    try (RawHttpClient client = server.client()) {
      RawResponse head = client.send("HEAD /plaintext HTTP/1.1\r\nHost: a\r\n\r\n").read(true);
      assertThat(head.status()).isEqualTo(200);
      assertThat(head.header("content-length")).as("HEAD Content-Length").isEqualTo("13");
      assertThat(head.header("content-type")).isEqualTo("text/plain");
      RawResponse next = client.send("GET /plaintext HTTP/1.1\r\nHost: a\r\n\r\n").read();
      assertThat(next.bodyText())
          .as("GET after HEAD (no stray body bytes)")
          .isEqualTo("Hello, World!");
    }
  }

  @Test
  void answersAThrowingHandlerWith500AndKeepsTheConnection() throws Exception {
    try (RawHttpClient client = server.client()) {
      RawResponse boom = client.send("GET /boom HTTP/1.1\r\nHost: a\r\n\r\n").read();
      assertThat(boom.status()).as("status of a throwing handler").isEqualTo(500);
      assertThat(boom.header("content-type")).isEqualTo("application/problem+json");
      assertThat(boom.bodyText()).contains("\"status\":500").doesNotContain("secret", "Exception");
      RawResponse next = client.send("GET /plaintext HTTP/1.1\r\nHost: a\r\n\r\n").read();
      assertThat(next.status()).as("the next request on the same connection").isEqualTo(200);
    }
  }

  @Test
  void letsLaterPipelinedRequestsWaitForABlockingHandler() throws Exception {
    try (RawHttpClient client = server.client()) {
      client.send(
          "GET /slow?n=1 HTTP/1.1\r\nHost: a\r\n\r\n"
              + "GET /plaintext HTTP/1.1\r\nHost: a\r\n\r\n"
              + "GET /sensors/3 HTTP/1.1\r\nHost: a\r\n\r\n");
      await().atMost(Duration.ofSeconds(20)).untilTrue(slowStarted);
      assertThat(server.server.stats().requests())
          .as("requests dispatched while the first is blocked")
          .isEqualTo(1);
      release.countDown();
      assertThat(client.read().bodyText()).as("first response").isEqualTo("slow 1");
      assertThat(client.read().bodyText()).as("second response").isEqualTo("Hello, World!");
      assertThat(client.read().bodyText()).as("third response").isEqualTo("sensor 3 null");
    }
  }

  @Test
  void streamsABodyOfUnknownLengthChunked() throws Exception {
    try (RawHttpClient client = server.client()) {
      RawResponse reply = client.send("GET /stream HTTP/1.1\r\nHost: a\r\n\r\n").read();
      assertThat(reply.header("transfer-encoding")).isEqualTo("chunked");
      assertThat(reply.bodyText()).isEqualTo("abcd");
      assertThat(client.send("GET /plaintext HTTP/1.1\r\nHost: a\r\n\r\n").read().status())
          .isEqualTo(200);
    }
  }

  @Test
  void answersHeadOfAStreamWithTheHeadAndGoesOnWithThePipeline() throws Exception {
    try (RawHttpClient client = server.client()) {
      client.send(
          "HEAD /open-stream HTTP/1.1\r\nHost: a\r\n\r\n"
              + "HEAD /stream HTTP/1.1\r\nHost: a\r\n\r\n"
              + "GET /plaintext HTTP/1.1\r\nHost: a\r\n\r\n");
      RawResponse open = client.read(true);
      assertThat(open.status()).as("HEAD /open-stream").isEqualTo(200);
      assertThat(open.header("transfer-encoding")).isEqualTo("chunked");
      assertThat(client.read(true).status()).as("HEAD /stream").isEqualTo(200);
      assertThat(client.read().bodyText()).as("GET after two HEADs").isEqualTo("Hello, World!");
      assertThat(headStreamOpen).as("isOpen() of a HEAD's stream after a write").isFalse();
      assertThat(server.server.stats().requestsInFlight()).as("requests in flight").isZero();
    }
  }

  @Test
  void sendsContinueBeforeTheBody() throws Exception {
    try (RawHttpClient client = server.client()) {
      client.send(
          "POST /echo HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n");
      assertThat(client.read().status()).as("interim status").isEqualTo(100);
      assertThat(client.send("ping").read().bodyText()).isEqualTo("ping");
    }
  }

  @Test
  void closesHttp10UnlessKeepAliveIsAsked() throws Exception {
    try (RawHttpClient client = server.client()) {
      RawResponse reply =
          client.send("GET /plaintext HTTP/1.0\r\nConnection: keep-alive\r\n\r\n").read();
      assertThat(reply.header("connection")).isEqualTo("keep-alive");
      RawResponse last = client.send("GET /plaintext HTTP/1.0\r\n\r\n").read();
      assertThat(last.header("connection")).isEqualTo("close");
      assertThat(client.closedByServer()).as("closed after an HTTP/1.0 response").isTrue();
    }
  }

  @Test
  void closesAfterConnectionClose() throws Exception {
    try (RawHttpClient client = server.client()) {
      RawResponse reply =
          client
              .send(
                  "GET /plaintext HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n"
                      + "GET /plaintext HTTP/1.1\r\nHost: a\r\n\r\n")
              .read();
      assertThat(reply.header("connection")).isEqualTo("close");
      assertThat(client.rest()).as("bytes after the closing response").isEmpty();
    }
  }

  @Test
  void answersUnknownPathsAndMethodsFromTheRouter() throws Exception {
    try (RawHttpClient client = server.client()) {
      RawResponse missing = client.send("GET /nothing HTTP/1.1\r\nHost: a\r\n\r\n").read();
      assertThat(missing.status()).isEqualTo(404);
      assertThat(missing.header("content-type")).isEqualTo("application/problem+json");
      RawResponse wrong = client.send("DELETE /plaintext HTTP/1.1\r\nHost: a\r\n\r\n").read();
      assertThat(wrong.status()).isEqualTo(405);
      assertThat(wrong.header("allow")).isEqualTo("GET, HEAD");
      RawResponse unknown = client.send("BREW /pot HTTP/1.1\r\nHost: a\r\n\r\n").read();
      assertThat(unknown.status()).isEqualTo(501);
      assertThat(client.closedByServer()).as("closed after 501").isTrue();
    }
    try (RawHttpClient client = server.client()) {
      assertThat(client.send("GET / HTTP/2.0\r\nHost: a\r\n\r\n").read().status()).isEqualTo(505);
    }
  }
}
