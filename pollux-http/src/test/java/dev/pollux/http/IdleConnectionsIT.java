package dev.pollux.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pollux.loop.Transport;
import dev.pollux.testing.net.RawResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;

/**
 * Idle keep-alive connections hold no request state: it is lent to a connection from the loop's
 * pool while a request is in flight, and what a connection holds (as it reports to the loop's
 * memory budget) is back to what a connection that never sent a byte holds once its answers are
 * out, after single and pipelined requests alike.
 */
@SuppressWarnings("StringConcatToTextBlock") // CRLFs read better as escapes
@OnEveryTransport
class IdleConnectionsIT {

  private static final String GET = "GET /now HTTP/1.1\r\nHost: a\r\n\r\n";
  private static final int CONNECTIONS = 20;

  @Parameter Transport transport;

  private TestServer server;
  private final List<RawHttpClient> clients = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (RawHttpClient client : clients) {
      client.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private long connectedOnly; // what the loop counts for the connections before any request

  private void awaitHeld(String what, boolean idle) {
    await(what)
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                idle
                    ? server.group.heldBytes() == connectedOnly
                    : server.group.heldBytes() > connectedOnly);
  }

  @Test
  void idleKeepAliveConnectionsHoldNothingAfterSingleAndPipelinedRequests() throws Exception {
    server = new TestServer(transport, Router.create().get("/now", (q, r) -> r.send("now")));
    for (int i = 0; i < CONNECTIONS; i++) {
      clients.add(server.client());
    }
    await("connections accepted")
        .atMost(Duration.ofSeconds(20))
        .until(() -> server.server.stats().openConnections() == CONNECTIONS);
    connectedOnly = server.group.heldBytes();
    for (RawHttpClient client : clients) {
      assertThat(client.send(GET).read().bodyText()).isEqualTo("now");
      client.send(GET + GET + GET); // pipelined: one read, one exchange for the three
      for (int k = 0; k < 3; k++) {
        RawResponse reply = client.read();
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.bodyText()).isEqualTo("now");
      }
    }
    awaitHeld("held bytes of idle keep-alive connections back to those of fresh ones", true);

    RawHttpClient half = clients.get(0);
    half.send("GET /now HTTP/1.1\r\nHo");
    awaitHeld("a head in progress holds its request state", false);
    assertThat(half.send("st: a\r\n\r\n").read().bodyText()).isEqualTo("now");
    awaitHeld("given back when the request is answered", true);

    for (RawHttpClient client : clients) {
      assertThat(client.send(GET).read().bodyText())
          .as("still served after idling")
          .isEqualTo("now");
    }
    assertThat(server.server.stats().responses2xx()).isEqualTo(CONNECTIONS * 5L + 1);
  }
}
