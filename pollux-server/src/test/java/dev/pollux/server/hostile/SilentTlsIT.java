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
    try (HostileServer server =
        HostileServer.start(
            dir,
            "--tls-self-signed",
            dir.resolve("tls").toString(),
            "--https-port",
            "0",
            // Long enough that the handshake timer does not end the attack before it is measured.
            "--tls-handshake-timeout",
            "5m")) {
      HostileServer.Baseline before = server.baseline();
      try (Peers peers =
          Siege.open(server, PEERS, "127.0.0.4", server.httpsPort(), Attacks::silent)) {
        Siege.assertServesFreshClients(server);
        // A TLS record buffer alone is about 17 KiB; an accepted socket, its connection and even
        // an SSLEngine made at accept fit in 8 KiB.
        Siege.assertHeapPerConnection(server, before, peers.size(), 8 * 1024);
      }
      server.assertRecovered(before);
    }
  }
}
