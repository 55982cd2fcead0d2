package dev.pollux.server.api;

import static dev.pollux.server.api.ApiClient.DEADLINE;
import static dev.pollux.server.api.ApiClient.LED;
import static dev.pollux.server.api.ApiClient.PRIMARY;
import static dev.pollux.server.api.ApiClient.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.jr.ob.JSON;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /api/v1/ws} with the JDK's WebSocket client: readings, commands, writes. */
class WebSocketApiIT {

  @RegisterExtension final ApiClient api = ApiClient.standard();

  @TempDir Path dir;
  private HttpClient http;

  /** Text messages received, answers and readings alike. */
  private final LinkedBlockingQueue<String> messages = new LinkedBlockingQueue<>();

  private final CompletableFuture<Integer> closed = new CompletableFuture<>();

  private final WebSocket.Listener listener =
      new WebSocket.Listener() {
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
          text.append(data);
          if (last) {
            messages.add(text.toString());
            text.setLength(0);
          }
          ws.request(1);
          return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
          closed.complete(code);
          return null;
        }
      };

  @BeforeEach
  void start() {
    http = HttpClient.newHttpClient();
  }

  @AfterEach
  void stop() {
    http.close();
  }

  private WebSocket connect(String query) throws Exception {
    URI uri = URI.create("ws://127.0.0.1:" + api.address().getPort() + "/api/v1/ws" + query);
    return http.newWebSocketBuilder().buildAsync(uri, listener).get(20, TimeUnit.SECONDS);
  }

  /** The next message that is an answer (has "ok" or "error"), skipping readings. */
  private Map<String, Object> answer(WebSocket ws, String command) throws Exception {
    ws.sendText(command, true).get(20, TimeUnit.SECONDS);
    while (true) {
      String message = messages.poll(DEADLINE.toSeconds(), TimeUnit.SECONDS);
      assertThat(message).as("an answer to %s", command).isNotNull();
      Map<String, Object> json = JSON.std.mapFrom(message);
      // A reading has an "id", and an "error" when its sensor fails (the broken GPU zone): it is
      // no answer, and taking it for one would shift every later answer by one.
      if (!json.containsKey("id") && (json.containsKey("ok") || json.containsKey("error"))) {
        return json;
      }
    }
  }

  @Test
  void streamsReadingsAsTheEventsEndpointDoes() throws Exception {
    WebSocket ws = connect("?sensor=" + PRIMARY);
    String message = messages.poll(DEADLINE.toSeconds(), TimeUnit.SECONDS);
    assertThat(message).as("a reading within %s", DEADLINE).isNotNull();
    Map<String, Object> reading = JSON.std.mapFrom(message);
    assertThat(reading)
        .as("reading message %s", message)
        .containsEntry("id", PRIMARY)
        .containsEntry("unit", "°C")
        .containsEntry("value", 48.312)
        .containsKeys("kind", "label", "at", "status");
    ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(20, TimeUnit.SECONDS);
    assertThat(closed.get(20, TimeUnit.SECONDS)).isEqualTo(1000);
  }

  @Test
  void answersCommands() throws Exception {
    WebSocket ws = connect("");
    assertThat(answer(ws, "stop")).isEqualTo(Map.of("ok", true));
    Map<String, Object> get = answer(ws, "GET " + PRIMARY);
    assertThat(get).as("get %s", PRIMARY).containsEntry("ok", true).containsKey("reading");
    assertThat(answer(ws, "get nope")).isEqualTo(Map.of("error", "no such sensor"));
    assertThat(answer(ws, "watch all")).isEqualTo(Map.of("ok", true, "watch", "all"));
    assertThat(answer(ws, "frobnicate <script>"))
        .as("an unknown command, not echoed")
        .isEqualTo(Map.of("error", "unknown command"));
    ws.sendClose(WebSocket.NORMAL_CLOSURE, "").get(20, TimeUnit.SECONDS);
    assertThat(closed.get(20, TimeUnit.SECONDS)).isEqualTo(1000);
  }

  @Test
  void setNeedsAuthAndThenWritesTheLed() throws Exception {
    WebSocket ws = connect("");
    answer(ws, "stop");
    assertThat(answer(ws, "set " + LED + " 7"))
        .as("set before auth")
        .isEqualTo(Map.of("error", "not authenticated: send auth <token> first"));
    assertThat(Files.readString(api.ledBrightness()).strip()).isEqualTo("0");
    assertThat(answer(ws, "auth wrong")).isEqualTo(Map.of("error", "bad token"));
    assertThat(answer(ws, "auth " + TOKEN)).isEqualTo(Map.of("ok", true));
    Map<String, Object> set = answer(ws, "set " + LED + " 7");
    assertThat(set).as("set after auth").containsEntry("ok", true).containsKey("actuator");
    await("the LED's brightness file")
        .atMost(DEADLINE)
        .until(() -> Files.readString(api.ledBrightness()).strip().equals("7"));
    assertThat(answer(ws, "set " + LED + " 9999").get("error"))
        .asString()
        .startsWith("value out of range");
    ws.sendClose(WebSocket.NORMAL_CLOSURE, "").get(20, TimeUnit.SECONDS);
    assertThat(closed.get(20, TimeUnit.SECONDS)).isEqualTo(1000);
  }

  // RFC 6455 section 10.2: a handshake from a page of another origin is refused with a problem
  // 403 before anything is upgraded, whatever the default ports say; the server's own pages, and
  // clients that send no Origin, are let in.
  @Test
  void crossOriginHandshakesAreRefusedAndSameOriginOnesAccepted() throws Exception {
    int port = api.address().getPort();
    String host = "127.0.0.1:" + port;
    assertThat(handshake(api, host, "http://evil.example")).as("another site").startsWith("403 ");
    assertThat(handshake(api, host, "http://127.0.0.1:" + (port + 1)))
        .as("another port")
        .startsWith("403 ");
    assertThat(handshake(api, host, "null")).as("an opaque origin").startsWith("403 ");
    assertThat(handshake(api, host, "http://127.0.0.1")).as("port 80").startsWith("403 ");
    assertThat(handshake(api, host, "http://" + host)).as("the same origin").startsWith("101 ");
    assertThat(handshake(api, host, "https://" + host))
        .as("the same server over TLS")
        .startsWith("101 ");
    assertThat(handshake(api, "pi.local", "http://pi.local"))
        .as("default port 80")
        .startsWith("101 ");
    assertThat(handshake(api, host, null)).as("no Origin (not a browser)").startsWith("101 ");
  }

  @Test
  void originsInAllowedOriginsMayOpenWebSockets() throws Exception {
    try (ApiClient allowing =
        ApiClient.start(
            dir.resolve("allowing"),
            "--allowed-origins",
            "https://dash.example:8443,http://LAPTOP.local")) {
      String host = "127.0.0.1:" + allowing.address().getPort();
      assertThat(handshake(allowing, host, "https://dash.example:8443")).startsWith("101 ");
      assertThat(handshake(allowing, host, "http://laptop.local:80")).startsWith("101 ");
      assertThat(handshake(allowing, host, "http://dash.example:8443"))
          .as("another scheme")
          .startsWith("403 ");
      assertThat(handshake(allowing, host, "http://evil.example")).startsWith("403 ");
    }
  }

  // A raw handshake with "Host: host" and "Origin: origin" (none when null): the status code and
  // reason; a refusal's Content-Type is checked on the way.
  private static String handshake(ApiClient server, String host, String origin) throws Exception {
    StringBuilder request =
        new StringBuilder("GET /api/v1/ws HTTP/1.1\r\nHost: ")
            .append(host)
            .append("\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n")
            .append("Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n");
    if (origin != null) {
      request.append("Origin: ").append(origin).append("\r\n");
    }
    try (var client = server.raw()) {
      String status = client.write(request.append("\r\n").toString()).readLine();
      String result = status.substring(status.indexOf(' ') + 1);
      if (result.startsWith("403")) {
        for (String line = client.readLine(); !line.isEmpty(); line = client.readLine()) {
          if (line.toLowerCase(Locale.ROOT).startsWith("content-type:")) {
            assertThat(line).as("the refusal's type").endsWith("application/problem+json");
          }
        }
      }
      return result;
    }
  }
}
