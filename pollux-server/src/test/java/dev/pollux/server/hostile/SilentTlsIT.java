package dev.pollux.server.hostile;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TCP connections to the HTTPS port that never send a byte (issue 15): a connection holds its TLS
 * buffers and {@code SSLEngine} only once bytes arrive, not from the moment it is accepted.
 */
class SilentTlsIT {

  static final int PEERS = 200;

  @TempDir Path dir;

  @Test
  void silentConnectionsToTheHttpsPortHoldNoTlsBuffers() throws IOException {
    try (HostileServer server = startWithHttps(dir)) {
      withstandSilentPeers(server, PEERS);
    }
  }

  /** The server with an HTTPS port whose handshake timer outlasts the attack. */
  static HostileServer startWithHttps(Path dir) {
    return HostileServer.start(
        dir,
        "--tls-self-signed",
        dir.resolve("tls").toString(),
        "--https-port",
        "0",
        // Long enough that the handshake timer does not end the attack before it is measured.
        "--tls-handshake-timeout",
        "5m");
  }

  /** {@code count} connections to the HTTPS port that never send a ClientHello. */
  static void withstandSilentPeers(HostileServer server, int count) throws IOException {
    Attack attack = Attack.on(server);
    attack.withstand(
        () -> attack.peers(count, "127.0.0.4", server.httpsPort(), Attacks::silent),
        // A TLS record buffer alone is about 17 KiB; an accepted socket, its connection and even
        // an SSLEngine made at accept fit in 8 KiB.
        peers -> attack.assertHeapPerConnection(peers.size(), 8 * 1024));
  }
}
