package dev.pollux.server.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Peers that declare a length and send almost nothing (issue 15): memory must follow the bytes
 * received, never the lengths declared, and a route refuses a body above its own limit with {@code
 * 413} before reading it. Against {@code bin/pollux} with its own flags ({@code -Xmx64m}).
 */
class DeclaredLengthsIT {

  /** The attack's connections: enough to show a per-connection cost, few enough for bin/test. */
  static final int BODIES = 20;

  static final int FRAMES = 200;

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
  void aBodyDeclaredAtOneMebibyteIsRefusedWith413BeforeItIsRead() throws IOException {
    Attack attack = Attack.on(server);
    attack.withstand(
        () -> attack.peers(BODIES, "127.0.0.2", server.httpPort(), Attacks::declareMebibyteBody),
        peers -> {
          // The actuator PUT takes {"value": n}: a declared MiB is far above what it may hold.
          attack.assertHeapPerConnection(BODIES, 16 * 1024);
          for (Peer peer : peers.all()) {
            assertThat(peer.readStatus(Duration.ofSeconds(10)))
                .as("the answer to PUT /api/v1/actuators/led_act declaring 1 MiB")
                .isEqualTo(413);
          }
        });
  }

  @Test
  void aWebSocketFrameDeclaring65535BytesHoldsOnlyTheBytesThatArrived() throws IOException {
    Attack attack = Attack.on(server);
    int port = server.httpPort();
    attack.withstand(
        () -> attack.peers(FRAMES, "127.0.0.2", port, p -> Attacks.declareLongFrame(p, port)),
        // 4 bytes of payload arrived per connection; the connection, its session and a partial
        // frame are worth a few KiB, the 64 KiB declared are not.
        peers -> attack.assertHeapPerConnection(peers.size(), 8 * 1024));
  }
}
