package dev.pollux.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pollux.testing.net.RawClient;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a TLS connection costs on the heap beyond a plain one: next to nothing while it is silent
 * (no engine, no buffers before the first byte), and no packet buffers while it is idle between
 * records. Measured as the heap in use after a full collection with {@link #CONNECTIONS} open.
 */
class TlsMemoryIT extends LoopFixture {

  private static final System.Logger LOG = System.getLogger(TlsMemoryIT.class.getName());
  private static final int CONNECTIONS = 100;
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir static Path keysDir;
  private static SelfSignedKeys keys;

  @BeforeAll
  static void makeKeys() throws Exception {
    keys = SelfSignedKeys.generate(keysDir);
  }

  private static final class Echo implements ConnectionHandler {
    @Override
    public void onData(Connection connection, ByteBuffer data) {
      connection.write(ByteBuffer.allocate(data.remaining()).put(data).flip());
    }
  }

  private TcpServer plainServer() throws Exception {
    return server(connection -> new Echo()).start();
  }

  private TcpServer tlsServer() throws Exception {
    return server(
            TlsHandlerFactory.builder(keys.serverContext())
                .handshakeTimeout(WAIT.multipliedBy(2))
                .build(connection -> new Echo()))
        .start();
  }

  @Test
  void aSilentTlsConnectionCostsNextToNothingMoreThanAPlainOne() throws Exception {
    long plain = bytesPerSilentConnection(plainServer());
    long tls = bytesPerSilentConnection(tlsServer());
    LOG.log(
        System.Logger.Level.INFO,
        "[{0}] silent: plain {1}, TLS {2} bytes",
        transportName,
        plain,
        tls);
    assertThat(tls - plain)
        .as("heap bytes of a silent TLS connection beyond a plain one (%d vs %d)", tls, plain)
        .isLessThan(2 * 1024);
  }

  @Test
  void anIdleTlsConnectionHoldsNoPacketBuffers() throws Exception {
    long plain = bytesPerIdleConnection(plainServer(), false);
    long tls = bytesPerIdleConnection(tlsServer(), true);
    LOG.log(
        System.Logger.Level.INFO,
        "[{0}] idle: plain {1}, TLS {2} bytes",
        transportName,
        plain,
        tls);
    // The client's own SSLSocket is counted too (same JVM). The server's three packet-sized
    // buffers were about 50 KB of the 70 KB this was; what is left is mostly the two engines.
    assertThat(tls - plain)
        .as(
            "heap bytes of an idle TLS connection and its client beyond plain ones (%d vs %d)",
            tls, plain)
        .isLessThan(32 * 1024);
  }

  private long bytesPerSilentConnection(TcpServer server) throws Exception {
    List<RawClient> clients = new ArrayList<>();
    try {
      long before = usedHeapAfterGc();
      for (int i = 0; i < CONNECTIONS; i++) {
        clients.add(connect(server));
      }
      awaitOpened(server);
      long after = usedHeapAfterGc();
      return (after - before) / CONNECTIONS;
    } finally {
      clients.forEach(RawClient::close);
      await().atMost(WAIT).until(() -> server.stats().openConnections() == 0);
    }
  }

  private long bytesPerIdleConnection(TcpServer server, boolean tls) throws Exception {
    List<AutoCloseable> clients = new ArrayList<>();
    try {
      long before = usedHeapAfterGc();
      for (int i = 0; i < CONNECTIONS; i++) {
        clients.add(tls ? tlsRoundTrip(server) : plainRoundTrip(server));
      }
      awaitOpened(server);
      long after = usedHeapAfterGc();
      if (tls) {
        assertThat(group.heldBytes())
            .as("held bytes counted for %d idle TLS connections (their engines)", CONNECTIONS)
            .isGreaterThanOrEqualTo(CONNECTIONS * 8 * 1024L);
      }
      return (after - before) / CONNECTIONS;
    } finally {
      for (AutoCloseable client : clients) {
        client.close();
      }
      await().atMost(WAIT).until(() -> server.stats().openConnections() == 0);
    }
  }

  private static RawClient plainRoundTrip(TcpServer server) throws Exception {
    RawClient client = connect(server);
    client.write("x\n");
    assertThat(client.readLine()).isEqualTo("x");
    return client;
  }

  private static SSLSocket tlsRoundTrip(TcpServer server) throws Exception {
    SSLSocket socket =
        (SSLSocket)
            keys.clientContext("TLSv1.3")
                .getSocketFactory()
                .createSocket(InetAddress.getLoopbackAddress(), server.localAddress().getPort());
    socket.setSoTimeout((int) WAIT.toMillis());
    socket.getOutputStream().write("x\n".getBytes(StandardCharsets.US_ASCII));
    socket.getOutputStream().flush();
    assertThat(socket.getInputStream().readNBytes(2))
        .isEqualTo("x\n".getBytes(StandardCharsets.US_ASCII));
    return socket;
  }

  /** Waits until every connection is open and its handler made (each loop ran a later task). */
  private void awaitOpened(TcpServer server) throws InterruptedException {
    await().atMost(WAIT).until(() -> server.stats().openConnections() == CONNECTIONS);
    CountDownLatch ran = new CountDownLatch(group.size());
    for (int i = 0; i < group.size(); i++) {
      group.next().execute(ran::countDown);
    }
    assertThat(ran.await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("every loop ran a task").isTrue();
  }

  private static long usedHeapAfterGc() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    for (int i = 0; i < 3; i++) {
      memory.gc();
    }
    return memory.getHeapMemoryUsage().getUsed();
  }
}
