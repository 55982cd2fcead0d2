package dev.pollux.server.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;

/**
 * The openings of the attacks of issue 15 ("Hostile peers"), shared by the quick ITs and the {@code
 * *RobustnessIT} that runs them with hundreds of connections.
 */
final class Attacks {

  /** The primary sensor of the standard fake tree. */
  static final String SENSOR = "thermal_zone0";

  static final String SENSORS = "GET /api/v1/sensors HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";

  static final String HISTORY =
      "GET /api/v1/sensors/" + SENSOR + "/history HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";

  private Attacks() {}

  /** The head of the actuator write with the right token. */
  static String actuatorPut(long contentLength, String token) {
    return "PUT /api/v1/actuators/led_act HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        + "Authorization: Bearer "
        + token
        + "\r\nContent-Type: application/json\r\nContent-Length: "
        + contentLength
        + "\r\n\r\n";
  }

  /** {@code Content-Length: 1048576} (the server-wide body limit), then one byte, then nothing. */
  static void declareMebibyteBody(Peer peer) throws IOException {
    peer.send(actuatorPut(1 << 20, HostileServer.TOKEN) + "{");
  }

  /** A WebSocket, then a frame declaring 65 535 payload bytes of which 4 are sent. */
  static void declareLongFrame(Peer peer, int port) throws IOException {
    assertThat(WsFrames.open(peer, port, null, Peer.DEADLINE))
        .as("the WebSocket handshake without Origin")
        .isEqualTo(101);
    peer.send(WsFrames.declaring(65_535, 4));
  }

  /** A TCP connection to the HTTPS port that sends nothing, not even a ClientHello. */
  static void silent(Peer peer) {}

  /** {@code GET /api/v1/events}, never read again after the request. */
  static void openEventStream(Peer peer) throws IOException {
    peer.send("GET /api/v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
  }

  /** How long the quick ITs give the server to answer a hostile peer. */
  static final Duration ANSWER = Duration.ofSeconds(10);
}
