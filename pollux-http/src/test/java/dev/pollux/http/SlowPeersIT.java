package dev.pollux.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pollux.loop.Transport;
import dev.pollux.testing.net.RawResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;

/**
 * Peers that do not read their answers or that send a request slowly: the server answers no more
 * than its high watermark lets out, and closes a request that does not arrive in time.
 */
@SuppressWarnings("StringConcatToTextBlock") // CRLFs read better as escapes
@OnEveryTransport
class SlowPeersIT {

  private static final int RESPONSE_BYTES = 16 * 1024;

  @Parameter Transport transport;

  private TestServer server;

  private void start() throws Exception {
    HttpServerOptions options =
        HttpServerOptions.builder()
            .headerReadTimeout(Duration.ofMillis(500))
            .keepAliveTimeout(Duration.ofSeconds(60))
            .build();
    server =
        new TestServer(
            transport,
            Router.create()
                .get("/big", (q, r) -> r.send("x".repeat(RESPONSE_BYTES)))
                .post("/echo", (q, r) -> r.send("got " + q.body().remaining())),
            options);
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void answersPipelinedRequestsOnlyAsFastAsTheClientReads() throws Exception {
    start();
    int count = 2000; // 32 MiB of answers: more than every socket buffer on the way holds
    try (Socket socket = new Socket()) {
      socket.setReceiveBufferSize(4096);
      socket.connect(server.address(), 10_000);
      socket.setSoTimeout(20_000);
      byte[] requests =
          "GET /big HTTP/1.1\r\nHost: a\r\n\r\n".repeat(count).getBytes(StandardCharsets.US_ASCII);
      Thread writer = Thread.ofVirtual().start(() -> write(socket, requests));
      await().atMost(Duration.ofSeconds(20)).until(() -> server.server.stats().requests() > 0);
      await()
          .during(Duration.ofSeconds(2))
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(
              () ->
                  assertThat(server.server.stats().requests())
                      .as("requests answered for a client that reads nothing")
                      .isLessThan(count / 2));
      RawHttpClient reader = RawHttpClient.over(socket);
      for (int i = 0; i < count; i++) {
        RawResponse reply = reader.read();
        assertThat(reply.bodyText()).as("response %d", i).hasSize(RESPONSE_BYTES);
      }
      writer.join();
    }
  }

  @Test
  void answersABodyTrickledPastTheRequestTimeWith408() throws Exception {
    start();
    try (RawHttpClient client = server.client()) {
      client.send("POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 100\r\n\r\nx");
      // The answer comes from the request timer (500 ms), which runs from the first byte to the
      // last whatever the pace, not from the idle timer (60 s), which a byte every few seconds
      // would restart forever.
      RawResponse reply = client.read();
      assertThat(reply.status())
          .as("status for a body that does not arrive in time")
          .isEqualTo(408);
      assertThat(client.closedByServer()).as("closed after the 408").isTrue();
    }
  }

  private static void write(Socket socket, byte[] bytes) {
    try {
      socket.getOutputStream().write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
