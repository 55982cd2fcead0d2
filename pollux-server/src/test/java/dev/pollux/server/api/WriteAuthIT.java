package dev.pollux.server.api;

import static dev.pollux.server.TestServer.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pollux.server.AuthThrottle;
import dev.pollux.server.TestServer;
import dev.pollux.testing.net.LeakCheck;
import dev.pollux.testing.net.RawClient;
import dev.pollux.testing.net.RawResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes are refused on every path of one running server — HTTP {@code PUT}, TCP {@code set},
 * WebSocket {@code set} — without a token and with a wrong one, the LED untouched; then the same
 * write with the right token succeeds on each path, so that each refusal is a real one. (MQTT:
 * {@code MqttWriteAuthIT}.)
 */
class WriteAuthIT {

  @RegisterExtension
  final LeakCheck leaks = LeakCheck.threadsNamed("pollux-").afterWarmUp(ApiClient::warmUpOnce);

  private static final String LED_PATH = "/api/v1/actuators/" + ApiClient.LED;

  @TempDir Path dir;

  @BeforeEach
  void baseline() {}

  @AfterEach
  void released() {}

  @Test
  void httpPutIsRefusedWithoutAndWithAWrongTokenAndAllowedWithTheRightOne() throws Exception {
    try (TestServer server = ApiClient.fullServer(dir).start().awaitGoodSample(ApiClient.PRIMARY)) {
      assertRefused(server, server.exchange("PUT", LED_PATH, "{\"value\": 5}"), 401);
      // Four: a fifth wrong token would throttle this address, and the right one be refused.
      for (String authorization :
          List.of("Bearer " + TOKEN + "x", "Basic " + TOKEN, TOKEN, "Bearer  ")) {
        RawResponse response =
            server.exchange("PUT", LED_PATH, "{\"value\": 5}", "Authorization: " + authorization);
        assertRefused(server, response, authorization.isBlank() ? 401 : 403);
      }

      RawResponse allowed =
          server.exchange("PUT", LED_PATH, "{\"value\": 5}", "Authorization: Bearer " + TOKEN);

      assertThat(allowed.status()).as("%s with the right token", allowed).isEqualTo(200);
      assertThat(server.ledBrightness("act")).as("the LED after the allowed PUT").isEqualTo("5");
    }
  }

  @Test
  void tcpSetIsRefusedWithoutAndWithAWrongTokenAndAllowedWithTheRightOne() throws Exception {
    try (TestServer server = ApiClient.fullServer(dir).start().awaitGoodSample(ApiClient.PRIMARY);
        RawClient client = server.connectTcp()) {
      assertThat(client.write("set led_act 5\n").readLine())
          .as("set before auth")
          .isEqualTo("ERR not authorized: auth <token> first");
      assertThat(client.write("auth wrong\n").readLine()).isEqualTo("ERR bad token");
      assertThat(client.write("set led_act 5\n").readLine())
          .as("set after a wrong token")
          .isEqualTo("ERR not authorized: auth <token> first");
      assertThat(client.write("auth " + TOKEN + "x\n").readLine()).isEqualTo("ERR bad token");
      assertThat(client.write("set led_act 5\n").readLine())
          .as("set after a token with one more character")
          .startsWith("ERR ");
      assertThat(server.ledBrightness("act")).as("the LED after refused sets").isEqualTo("0");

      assertThat(client.write("auth " + TOKEN + "\n").readLine()).isEqualTo("OK");
      assertThat(client.write("set led_act 5\n").readLine()).isEqualTo("OK");
      assertThat(server.ledBrightness("act")).as("the LED after the allowed set").isEqualTo("5");
    }
  }

  @Test
  void webSocketSetIsRefusedWithoutAndWithAWrongTokenAndAllowedWithTheRightOne() throws Exception {
    try (TestServer server = ApiClient.fullServer(dir).start().awaitGoodSample(ApiClient.PRIMARY);
        WsSession ws = WsSession.open(server.httpPort())) {
      ws.ask("stop");
      assertThat(ws.ask("set " + ApiClient.LED + " 5"))
          .as("set before auth")
          .isEqualTo(Map.of("error", "not authenticated: send auth <token> first"));
      assertThat(ws.ask("auth wrong")).isEqualTo(Map.of("error", "bad token"));
      assertThat(ws.ask("auth " + TOKEN + "x")).isEqualTo(Map.of("error", "bad token"));
      assertThat(ws.ask("auth")).as("auth without a token").containsKey("error");
      assertThat(ws.ask("set " + ApiClient.LED + " 5"))
          .as("set after wrong tokens")
          .containsKey("error");
      assertThat(server.ledBrightness("act")).as("the LED after refused sets").isEqualTo("0");

      assertThat(ws.ask("auth " + TOKEN)).isEqualTo(Map.of("ok", true));
      assertThat(ws.ask("set " + ApiClient.LED + " 5")).containsEntry("ok", true);
      await("the LED's brightness file after the allowed set")
          .atMost(ApiClient.DEADLINE)
          .until(() -> server.ledBrightness("act").equals("5"));
    }
  }

  /**
   * Five wrong tokens from one address, over TCP (on two connections: reconnecting resets nothing),
   * WebSocket and HTTP together, throttle that address on every path: the right token is refused
   * ({@code 429} with {@code Retry-After}, {@code ERR too many attempts} and a close, an error and
   * close code 1008), the refusal is logged once (the address, never a token), and {@code /metrics}
   * counts both.
   */
  @Test
  void wrongTokensAddUpAcrossProtocolsAndThrottleTheAddressOnEveryPath() throws Exception {
    try (LogCapture logs = LogCapture.install();
        TestServer server = ApiClient.fullServer(dir).start().awaitGoodSample(ApiClient.PRIMARY)) {
      for (int i = 0; i < 2; i++) {
        try (RawClient client = server.connectTcp()) {
          assertThat(client.write("auth wrong-" + i + "\n").readLine()).isEqualTo("ERR bad token");
        }
      }
      try (WsSession ws = WsSession.open(server.httpPort())) {
        assertThat(ws.ask("auth wrong-ws")).isEqualTo(Map.of("error", "bad token"));
      }
      for (int i = 0; i < 2; i++) {
        RawResponse refused =
            server.exchange("PUT", LED_PATH, "{\"value\": 5}", "Authorization: Bearer x" + i);
        assertRefused(server, refused, 403);
      }

      RawResponse throttled =
          server.exchange("PUT", LED_PATH, "{\"value\": 5}", "Authorization: Bearer " + TOKEN);
      assertRefused(server, throttled, 429);
      assertThat(Integer.parseInt(throttled.header("Retry-After")))
          .as("%s: Retry-After", throttled)
          .isBetween(1, 60);
      try (RawClient client = server.connectTcp()) {
        assertThat(client.write("auth " + TOKEN + "\n").readLine())
            .as("TCP auth with the right token from the throttled address")
            .isEqualTo("ERR too many attempts");
        assertThat(client.awaitClosed()).as("closed after 'ERR too many attempts'").isTrue();
      }
      try (WsSession ws = WsSession.open(server.httpPort())) {
        assertThat(ws.ask("auth " + TOKEN))
            .as("WebSocket auth with the right token from the throttled address")
            .isEqualTo(Map.of("error", "too many attempts"));
        assertThat(ws.closeCode()).as("the close code").isEqualTo(1008);
      }
      assertThat(server.ledBrightness("act")).as("the LED after throttled writes").isEqualTo("0");

      String metrics = new String(server.get("/metrics").body(), StandardCharsets.UTF_8);
      assertThat(metrics)
          .contains("pollux_auth_failures_total{protocol=\"tcp\"} 2.0")
          .contains("pollux_auth_failures_total{protocol=\"websocket\"} 1.0")
          .contains("pollux_auth_failures_total{protocol=\"http\"} 2.0")
          .contains("pollux_auth_throttled_total{protocol=\"http\"} 1.0")
          .contains("pollux_auth_throttled_total{protocol=\"tcp\"} 1.0")
          .contains("pollux_auth_throttled_total{protocol=\"websocket\"} 1.0");
      assertThat(logs.lines())
          .as("log records of the throttle")
          .filteredOn(line -> line.startsWith(AuthThrottle.class.getName()))
          .singleElement()
          .satisfies(
              line ->
                  assertThat(line)
                      .contains("WARNING")
                      .contains("127.0.0.1")
                      .contains("refused for")
                      .doesNotContain(TOKEN)
                      .doesNotContain("wrong"));
    }
  }

  @Test
  void aServerWithoutATokenRefusesTheWriteOnEveryPath() throws Exception {
    try (TestServer server =
        ApiClient.fullServer(dir)
            .noToken()
            .args(List.of())
            .env(Map.of())
            .start()
            .awaitGoodSample(ApiClient.PRIMARY)) {
      assertRefused(
          server,
          server.exchange("PUT", LED_PATH, "{\"value\": 5}", "Authorization: Bearer " + TOKEN),
          403);
      // Nothing sent could do either: 403, not the 401 that asks for credentials.
      assertRefused(server, server.exchange("PUT", LED_PATH, "{\"value\": 5}"), 403);
      try (RawClient client = server.connectTcp()) {
        assertThat(client.write("auth " + TOKEN + "\n").readLine()).isEqualTo("ERR bad token");
        assertThat(client.write("set led_act 5\n").readLine())
            .isEqualTo("ERR writes are disabled: no token is configured");
      }
      try (WsSession ws = WsSession.open(server.httpPort())) {
        ws.ask("stop");
        assertThat(ws.ask("auth " + TOKEN))
            .isEqualTo(Map.of("error", "writes are disabled: no token configured"));
        assertThat(ws.ask("set " + ApiClient.LED + " 5")).containsKey("error");
      }
      assertThat(server.ledBrightness("act"))
          .as("the LED of a server without a token")
          .isEqualTo("0");
    }
  }

  private static void assertRefused(TestServer server, RawResponse response, int status) {
    assertThat(response.status()).as("%s", response).isEqualTo(status);
    assertThat(response.header("Content-Type"))
        .as("%s: Content-Type", response)
        .isEqualTo("application/problem+json");
    assertThat(server.ledBrightness("act")).as("the LED after %s", response).isEqualTo("0");
  }
}
