package dev.pollux.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pollux.loop.Transport;
import dev.pollux.testing.net.RawResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket.Listener;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** WebSocket over real sockets: handshakes, the JDK client as a peer, a slow reader, closing. */
@SuppressWarnings("StringConcatToTextBlock") // CRLFs read better as escapes
@OnEveryTransport
class WebSocketIT {

  @Parameter Transport transport;

  private final List<WebSocket> sockets = new CopyOnWriteArrayList<>();
  private final List<String> closes = new CopyOnWriteArrayList<>();
  private TestServer server;

  private final WebSocketListener echo =
      new WebSocketListener() {
        @Override
        public void onOpen(WebSocket socket) {
          sockets.add(socket);
          socket.sendText("welcome");
        }

        @Override
        public void onText(WebSocket socket, String text) {
          if (text.equals("throw")) {
            throw new IllegalStateException("listener failure");
          }
          socket.sendText("echo " + text);
        }

        @Override
        public void onBinary(WebSocket socket, byte[] data) {
          socket.sendBinary(data);
        }

        @Override
        public void onClose(WebSocket socket, int code, String reason) {
          closes.add(code + " " + reason);
        }
      };

  @BeforeEach
  void start() throws Exception {
    server =
        new TestServer(
            transport,
            Router.create()
                .get("/ws", (q, r) -> r.upgradeToWebSocket(echo, "chat", "json"))
                .get("/ok", (q, r) -> r.send("ok")),
            HttpServerOptions.builder().webSocketQueueCapacity(8).build());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void acceptsTheRfcExampleKey() throws Exception {
    try (WsClient client = WsClient.connect(server.address(), "/ws")) {
      assertThat(client.status).isEqualTo(101);
      assertThat(client.header("sec-websocket-accept")).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
      assertThat(client.header("upgrade")).isEqualToIgnoringCase("websocket");
      assertThat(client.header("connection")).isEqualToIgnoringCase("upgrade");
      assertThat(client.header("sec-websocket-protocol")).as("no protocol offered").isNull();
      assertThat(client.read().text()).isEqualTo("welcome");
    }
  }

  @ParameterizedTest(name = "offered {0} -> {1}")
  @CsvSource({"'json', json", "'x, chat, json', chat", "'x', ''"})
  void choosesTheFirstOfferedSubprotocolTheServerSupports(String offered, String chosen)
      throws Exception {
    try (WsClient client =
        WsClient.connect(server.address(), "/ws", "Sec-WebSocket-Protocol: " + offered)) {
      assertThat(client.status).isEqualTo(101);
      assertThat(client.header("sec-websocket-protocol"))
          .as("protocol chosen of %s", offered)
          .isEqualTo(chosen.isEmpty() ? null : chosen);
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "version 8|Upgrade: websocket|Connection: Upgrade|Sec-WebSocket-Version: 8|426",
        "no version|Upgrade: websocket|Connection: Upgrade|X-None: 1|426",
        "no key|Upgrade: websocket|Connection: Upgrade|X-Key: none|400",
        "short key|Upgrade: websocket|Connection: Upgrade|Sec-WebSocket-Key: c2hvcnQ=|400",
        "key not base64|Upgrade: websocket|Connection: Upgrade|Sec-WebSocket-Key: !!!!!!!!!!!!!!!!!!!!!!!!|400",
        "no upgrade|X-Upgrade: websocket|Connection: Upgrade|Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==|400",
        "no connection token|Upgrade: websocket|Connection: keep-alive|Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==|400",
      })
  void refusesBadHandshakesAndStaysHttp(String name, String a, String b, String c, int status)
      throws Exception {
    String key = name.contains("key") ? "" : "Sec-WebSocket-Key: " + WsClient.KEY + "\r\n";
    String version =
        c.startsWith("Sec-WebSocket-Version") || name.equals("no version")
            ? ""
            : "Sec-WebSocket-Version: 13\r\n";
    String request =
        "GET /ws HTTP/1.1\r\nHost: a\r\n"
            + a
            + "\r\n"
            + b
            + "\r\n"
            + c
            + "\r\n"
            + key
            + version
            + "\r\n";
    try (RawHttpClient client = server.client()) {
      RawResponse reply = client.send(request).read();
      assertThat(reply.status()).as("%s: status", name).isEqualTo(status);
      if (status == 426) {
        assertThat(reply.header("sec-websocket-version")).isEqualTo("13");
      }
      assertThat(client.send("GET /ok HTTP/1.1\r\nHost: a\r\n\r\n").read().bodyText())
          .as("%s: the connection goes on as HTTP", name)
          .isEqualTo("ok");
    }
    assertThat(sockets).as("%s: listener opened", name).isEmpty();
  }

  @Test
  void talksToTheJdkClient() throws Exception {
    LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
    CompletableFuture<String> closed = new CompletableFuture<>();
    Listener listener =
        new Listener() {
          private final StringBuilder text = new StringBuilder();

          @Override
          public CompletionStage<?> onText(
              java.net.http.WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
              received.add("text " + text);
              text.setLength(0);
            }
            ws.request(1);
            return null;
          }

          @Override
          public CompletionStage<?> onBinary(
              java.net.http.WebSocket ws, ByteBuffer data, boolean last) {
            received.add("binary " + StandardCharsets.UTF_8.decode(data));
            ws.request(1);
            return null;
          }

          @Override
          public CompletionStage<?> onPong(java.net.http.WebSocket ws, ByteBuffer message) {
            received.add("pong " + StandardCharsets.UTF_8.decode(message));
            ws.request(1);
            return null;
          }

          @Override
          public CompletionStage<?> onClose(java.net.http.WebSocket ws, int code, String reason) {
            closed.complete(code + " " + reason);
            return null;
          }
        };
    try (HttpClient http = HttpClient.newHttpClient()) {
      java.net.http.WebSocket ws =
          http.newWebSocketBuilder()
              .subprotocols("json")
              .buildAsync(
                  URI.create("ws://127.0.0.1:" + server.address().getPort() + "/ws"), listener)
              .get(20, TimeUnit.SECONDS);
      assertThat(ws.getSubprotocol()).isEqualTo("json");
      assertThat(received.poll(20, TimeUnit.SECONDS)).isEqualTo("text welcome");
      String big = "x".repeat(40_000);
      ws.sendText("hé", true).get(20, TimeUnit.SECONDS);
      ws.sendText(big.substring(0, 20_000), false).get(20, TimeUnit.SECONDS);
      ws.sendText(big.substring(20_000), true).get(20, TimeUnit.SECONDS);
      ws.sendBinary(ByteBuffer.wrap("bin".getBytes(StandardCharsets.UTF_8)), true)
          .get(20, TimeUnit.SECONDS);
      ws.sendPing(ByteBuffer.wrap("p1".getBytes(StandardCharsets.UTF_8))).get(20, TimeUnit.SECONDS);
      assertThat(received.poll(20, TimeUnit.SECONDS)).isEqualTo("text echo hé");
      assertThat(received.poll(20, TimeUnit.SECONDS)).isEqualTo("text echo " + big);
      assertThat(received.poll(20, TimeUnit.SECONDS)).isEqualTo("binary bin");
      assertThat(received.poll(20, TimeUnit.SECONDS)).isEqualTo("pong p1");
      ws.sendClose(1000, "bye").get(20, TimeUnit.SECONDS);
      assertThat(closed.get(20, TimeUnit.SECONDS))
          .as("close echoed to the JDK client")
          .startsWith("1000");
    }
    await().atMost(Duration.ofSeconds(20)).until(() -> closes.contains("1000 bye"));
  }

  @Test
  void dropsTheOldestMessagesOfAClientThatDoesNotRead() throws Exception {
    try (WsClient client = WsClient.connect(server.address(), "/ws")) {
      await().atMost(Duration.ofSeconds(20)).until(() -> !sockets.isEmpty());
      assertThat(client.read().text()).isEqualTo("welcome");
      WebSocket socket = sockets.get(0);
      String payload = "y".repeat(1024);
      int sent = 0;
      while (socket.dropped() == 0 && sent < 100_000) {
        socket.sendText(payload + sent++);
      }
      assertThat(socket.dropped())
          .as("dropped after %d messages to a non-reader", sent)
          .isPositive();
      socket.sendText("last");
      int received = 0;
      for (String text = client.read().text(); !text.equals("last"); text = client.read().text()) {
        received++;
      }
      assertThat(received).as("messages received of %d sent", sent).isLessThan(sent);
    }
  }

  @Test
  void serverCloseSendsQueuedMessagesThenTheCloseFrame() throws Exception {
    try (WsClient client = WsClient.connect(server.address(), "/ws")) {
      assertThat(client.read().text()).isEqualTo("welcome");
      WebSocket socket = sockets.get(0);
      Thread.ofPlatform()
          .start(
              () -> {
                socket.sendText("one");
                socket.close(4000, "done");
                socket.sendText("after close");
              })
          .join();
      assertThat(socket.isOpen()).isFalse();
      assertThat(client.read().text()).isEqualTo("one");
      WsClient.Frame close = client.read();
      assertThat(close.describe()).isEqualTo("close:4000");
      client.sendClose(4000);
      assertThat(client.closedByServer()).as("TCP closed after the close handshake").isTrue();
    }
    await().atMost(Duration.ofSeconds(20)).until(() -> closes.contains("4000 "));
  }

  @Test
  void aListenerThatThrowsClosesWith1011() throws Exception {
    try (WsClient client = WsClient.connect(server.address(), "/ws")) {
      assertThat(client.read().text()).isEqualTo("welcome");
      client.sendText("throw");
      assertThat(client.read().describe()).isEqualTo("close:1011");
      client.sendClose(1011);
      assertThat(client.closedByServer()).isTrue();
    }
  }

  @Test
  void aClientThatVanishesIsReportedAs1006() throws Exception {
    try (WsClient client = WsClient.connect(server.address(), "/ws")) {
      assertThat(client.read().text()).isEqualTo("welcome");
    }
    await().atMost(Duration.ofSeconds(20)).until(() -> closes.contains("1006 "));
    assertThat(sockets.get(0).isOpen()).isFalse();
  }

  @Test
  void framesRightBehindTheHandshakeAreRead() throws Exception {
    byte[] frame = WsClient.frame(true, 1, "early".getBytes(StandardCharsets.UTF_8), new Random(1));
    String head =
        "GET /ws HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: "
            + WsClient.KEY
            + "\r\nSec-WebSocket-Version: 13\r\n\r\n"
            + new String(frame, StandardCharsets.ISO_8859_1);
    try (WsClient client = WsClient.raw(server.address(), head)) {
      assertThat(client.status).isEqualTo(101);
      assertThat(client.read().text()).isEqualTo("welcome");
      assertThat(client.read().text()).isEqualTo("echo early");
    }
  }
}
