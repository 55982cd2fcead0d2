package dev.pollux.server.api;

import static dev.pollux.server.api.ApiClient.DEADLINE;
import static dev.pollux.server.api.ApiClient.PRIMARY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pollux.testing.net.RawClient;
import dev.pollux.testing.net.RawResponse;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * design.md: "{@code HEAD} works wherever {@code GET} does" — checked on a raw socket, where the
 * absence of a body and the {@code Content-Length} of the body that would have come can be seen.
 */
class HeadIT {

  @RegisterExtension final ApiClient api = ApiClient.standard();

  /**
   * Paths whose body has the same length on two requests in a row (the values in the tree do not
   * change); the comparison is retried in case a sample lands between GET and HEAD.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "/temp",
        "/healthz",
        "/api/v1/sensors/" + PRIMARY,
        "/api/v1/actuators",
        "/assets/uplot/uPlot.iife.min.js",
        "/nope"
      })
  void headHasTheHeadersOfGetAndNoBody(String path) {
    await("HEAD " + path + " like GET " + path)
        .atMost(DEADLINE)
        .untilAsserted(
            () -> {
              RawResponse get = api.exchange("GET", path);
              RawResponse head = api.exchange("HEAD", path);
              assertThat(head.status()).as("%s vs %s: status", head, get).isEqualTo(get.status());
              for (String name :
                  new String[] {
                    "Content-Type",
                    "Content-Length",
                    "X-Content-Type-Options",
                    "ETag",
                    "Cache-Control"
                  }) {
                assertThat(head.header(name))
                    .as("%s vs %s: %s", head, get, name)
                    .isEqualTo(get.header(name));
              }
              assertThat(get.header("Content-Length"))
                  .as("%s: Content-Length", get)
                  .isEqualTo(Integer.toString(get.body().length));
              assertThat(head.body()).as("%s: the body", head).isEmpty();
            });
  }

  @Test
  void headOfMetricsSaysHowLongThePageIs() throws Exception {
    RawResponse head = api.exchange("HEAD", "/metrics");

    assertThat(head.status()).as("%s: status", head).isEqualTo(200);
    assertThat(head.header("Content-Type"))
        .as("%s: Content-Type", head)
        .startsWith("text/plain; version=0.0.4");
    assertThat(Integer.parseInt(head.header("Content-Length")))
        .as("%s: Content-Length", head)
        .isGreaterThan(1000);
    assertThat(head.body()).as("%s: the body", head).isEmpty();
  }

  /** The head of the stream alone; the response ends there, so a pipelined request is served. */
  @Test
  @SuppressWarnings("StringConcatToTextBlock") // CRLFs read better as escapes
  void headOfEventsHasTheHeadOfTheStream() throws Exception {
    try (RawClient client = api.raw()) {
      client.write(
          "HEAD /api/v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
              + "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
      String statusLine = client.readLine();
      StringBuilder head = new StringBuilder(statusLine).append('\n');
      for (String line = client.readLine(); !line.isEmpty(); line = client.readLine()) {
        head.append(line).append('\n');
      }
      String fields = head.toString().toLowerCase(Locale.ROOT);
      assertThat(statusLine).as("HEAD /api/v1/events: the status line").contains(" 200 ");
      assertThat(fields)
          .as("HEAD /api/v1/events: the head")
          .contains("\ncontent-type: text/event-stream")
          .contains("\nx-content-type-options: nosniff");
      assertThat(client.readLine())
          .as("GET /healthz pipelined after HEAD /api/v1/events: the status line")
          .contains(" 200 ");
    }
  }
}
