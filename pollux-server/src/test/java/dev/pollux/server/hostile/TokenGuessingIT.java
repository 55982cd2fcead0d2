package dev.pollux.server.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pollux.testing.net.RawResponse;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Wrong tokens as fast as a peer can send them (issue 15: 533 000 guesses/s over HTTP, 146 000/s
 * over WebSocket, 42 800/s over TCP with reconnects, nothing logged): failed attempts are counted
 * per remote address across HTTP, WebSocket and TCP; past a small number the address gets {@code
 * 429} with {@code Retry-After}, {@code ERR too many attempts} and a close over TCP, until the
 * window passes; the refusal is logged, rate-limited. Each test guesses from its own loopback
 * address, so the honest clients from 127.0.0.1 are never throttled.
 */
class TokenGuessingIT {

  /** Attempts a peer gets: throttling must have started well before. */
  static final int GUESSES = 20;

  @TempDir Path dir;
  private HostileServer server;

  @BeforeEach
  void start() {
    server = HostileServer.start(dir);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void wrongTokensPipelinedOverHttpGet429WithRetryAfter() throws IOException {
    String attacker = "127.0.0.11";
    List<RawResponse> answers = new ArrayList<>();
    try (Peer peer = Peer.connect(attacker, server.httpPort())) {
      StringBuilder pipeline = new StringBuilder();
      for (int i = 0; i < GUESSES; i++) {
        pipeline.append(Attacks.actuatorPut(12, "wrong-token-" + i)).append("{\"value\": 1}");
      }
      peer.send(pipeline.toString());
      for (int i = 0; i < GUESSES; i++) {
        RawResponse answer;
        try {
          answer = peer.readResponse(Attacks.ANSWER);
        } catch (IOException e) {
          break; // closed after a refusal: fine, what came is checked below
        }
        answers.add(answer);
      }
    }
    assertThat(answers)
        .as("answers to %d wrong tokens pipelined on one connection", GUESSES)
        .anySatisfy(answer -> assertThat(answer.status()).isEqualTo(429))
        .anySatisfy(answer -> assertThat(answer.header("Retry-After")).isNotBlank());
    assertThat(put(attacker, HostileServer.TOKEN))
        .as("the right token from the throttled address, within the window")
        .isEqualTo(429);
    assertThat(put(Peer.HONEST, HostileServer.TOKEN))
        .as("the right token from another address")
        .isEqualTo(200);
    assertRefusalLoggedOnce(attacker);
  }

  @Test
  void wrongTokensOverWebSocketAreThrottledAndCountForTcp() throws IOException {
    String attacker = "127.0.0.12";
    boolean throttled = false;
    try (Peer peer = Peer.connect(attacker, server.httpPort())) {
      assertThat(WsFrames.open(peer, server.httpPort(), null, Attacks.ANSWER)).isEqualTo(101);
      for (int i = 0; i < GUESSES && !throttled; i++) {
        peer.send(WsFrames.text("auth wrong-token-" + i));
        throttled = throttledAnswer(peer);
      }
    }
    assertThat(throttled)
        .as("a WebSocket sending %d wrong tokens is refused ('too many') or closed", GUESSES)
        .isTrue();
    try (Peer tcp = Peer.connect(attacker, server.tcpPort())) {
      tcp.readLine(); // the banner
      tcp.send("auth " + HostileServer.TOKEN + "\n");
      assertThat(tcp.readLine())
          .as("TCP auth with the right token from the address throttled over WebSocket")
          .isEqualTo("ERR too many attempts");
      assertThat(tcp.closedWithin(Attacks.ANSWER)).as("the connection after it").isTrue();
    }
    assertRefusalLoggedOnce(attacker);
  }

  /** Reads the answer to an {@code auth}: true when it refuses for too many attempts or closes. */
  private static boolean throttledAnswer(Peer peer) throws IOException {
    while (true) {
      WsFrames.Frame frame;
      try {
        frame = WsFrames.read(peer, Attacks.ANSWER);
      } catch (IOException e) {
        return true; // closed without a close frame
      }
      if (frame.opcode() == WsFrames.Frame.CLOSE) {
        return true;
      }
      if (frame.text().contains("\"error\"")) {
        return frame.text().contains("too many");
      }
      // a reading ({"id": ...}) streamed meanwhile: not the answer
    }
  }

  @Test
  void wrongTokensOverTcpWithReconnectsGetErrTooManyAttemptsAndCountForHttp() throws IOException {
    String attacker = "127.0.0.13";
    List<String> replies = new ArrayList<>();
    int guesses = 0;
    for (int connections = 0;
        connections < GUESSES && guesses < GUESSES && !replies.contains("ERR too many attempts");
        connections++) {
      try (Peer peer = Peer.connect(attacker, server.tcpPort())) {
        String banner = peer.readLine();
        if (banner.startsWith("ERR ")) { // refused at once: a throttled address may be
          replies.add(banner);
          continue;
        }
        while (guesses < GUESSES) {
          if (!peer.sendIfOpen("auth wrong-token-" + guesses++ + "\n")) {
            break; // closed: reconnect, as the attack of the issue does
          }
          String reply;
          try {
            reply = peer.readLine(Attacks.ANSWER);
          } catch (IOException e) {
            break; // closed: reconnect, as the attack of the issue does
          }
          replies.add(reply);
          if (reply.equals("ERR too many attempts")) {
            assertThat(peer.closedWithin(Attacks.ANSWER))
                .as("the connection after 'ERR too many attempts'")
                .isTrue();
            break;
          }
        }
      }
    }
    assertThat(replies)
        .as("replies to %d wrong tokens over TCP, reconnecting whenever closed", GUESSES)
        .contains("ERR too many attempts");
    assertThat(put(attacker, HostileServer.TOKEN))
        .as("HTTP with the right token from the address throttled over TCP")
        .isEqualTo(429);
    assertRefusalLoggedOnce(attacker);
  }

  /** The status of the actuator write with {@code token} from {@code source}. */
  private int put(String source, String token) throws IOException {
    try (Peer peer = Peer.connect(source, server.httpPort())) {
      peer.send(Attacks.actuatorPut(12, token) + "{\"value\": 1}");
      return peer.readResponse(Attacks.ANSWER).status();
    }
  }

  /** The refusals are logged with the address, but not once per guess. */
  private void assertRefusalLoggedOnce(String attacker) {
    long lines = server.log().lines().filter(line -> line.contains(attacker)).count();
    assertThat(lines)
        .as("log lines naming %s after %d guesses: %s", attacker, GUESSES, server.log())
        .isBetween(1L, 3L);
  }
}
