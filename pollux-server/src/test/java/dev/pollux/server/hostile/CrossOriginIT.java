package dev.pollux.server.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * WebSocket handshakes from a foreign page (issue 15): a browser sends the page's {@code Origin},
 * and a WebSocket is not bound by the same-origin policy, so any page a person on the LAN opens
 * could read the device and guess tokens through their browser. {@code 403} unless the origin is
 * the server's own ({@code Host}); clients without {@code Origin} (scripts) are not browsers.
 */
class CrossOriginIT {

  @TempDir Path dir;

  @Test
  void aHandshakeFromAForeignOriginIsRefusedWith403() throws IOException {
    try (HostileServer server = HostileServer.start(dir)) {
      int port = server.httpPort();
      assertThat(handshake(port, "http://evil.example"))
          .as("a WebSocket handshake with Origin: http://evil.example")
          .isEqualTo(403);
      assertThat(handshake(port, "http://127.0.0.1:" + port))
          .as("a WebSocket handshake from the dashboard's own origin")
          .isEqualTo(101);
      assertThat(handshake(port, null))
          .as("a WebSocket handshake without Origin (a script)")
          .isEqualTo(101);
      server.assertServing();
    }
  }

  private static int handshake(int port, String origin) throws IOException {
    try (Peer peer = Peer.connect("127.0.0.6", port)) {
      return WsFrames.open(peer, port, origin, Attacks.ANSWER);
    }
  }
}
