package dev.pollux.loop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pollux.testing.net.RawClient;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** TLS over every transport, against the JDK's own TLS client and raw sockets. */
class TlsIT extends LoopFixture {

  private static final int LARGE_BYTES = 1024 * 1024 + 17;

  @TempDir static Path keysDir;
  private static SelfSignedKeys keys;
  private static Path largeFile;
  private static byte[] large;

  @BeforeAll
  static void makeKeysAndFile() throws Exception {
    keys = SelfSignedKeys.generate(keysDir);
    large = new byte[LARGE_BYTES];
    new Random(42).nextBytes(large);
    largeFile = Files.write(keysDir.resolve("large.bin"), large);
  }

  /** Echoes each chunk; "big" answers 1 MiB from memory, "file" the same bytes from a file. */
  private static final class EchoOrLarge implements ConnectionHandler {
    @Override
    public void onData(Connection connection, ByteBuffer data) {
      String text = StandardCharsets.US_ASCII.decode(data.duplicate()).toString();
      if (text.equals("big\n")) {
        connection.write(ByteBuffer.wrap(large));
      } else if (text.equals("file\n")) {
        try {
          FileChannel file = FileChannel.open(largeFile, StandardOpenOption.READ);
          connection.writeFile(file, 0, LARGE_BYTES);
          connection.write(ByteBuffer.wrap("end\n".getBytes(StandardCharsets.US_ASCII)));
        } catch (IOException e) {
          throw new IllegalStateException("opening " + largeFile, e);
        }
      } else {
        connection.write(ByteBuffer.allocate(data.remaining()).put(data).flip());
      }
    }
  }

  private TcpServer tlsServer(Duration handshakeTimeout) throws Exception {
    return server(
            TlsHandlerFactory.builder(keys.serverContext())
                .applicationProtocols("http/1.1")
                .handshakeTimeout(handshakeTimeout)
                .plainTextRefusal("ERR this port speaks TLS\n")
                .build(connection -> new EchoOrLarge()))
        .start();
  }

  private static SSLSocket tlsClient(TcpServer server, String protocol) throws Exception {
    SSLSocket socket =
        (SSLSocket)
            keys.clientContext(protocol)
                .getSocketFactory()
                .createSocket(InetAddress.getLoopbackAddress(), server.localAddress().getPort());
    socket.setSoTimeout(20_000);
    SSLParameters parameters = socket.getSSLParameters();
    parameters.setApplicationProtocols(new String[] {"h2", "http/1.1"});
    socket.setSSLParameters(parameters);
    socket.startHandshake();
    return socket;
  }

  private static String roundTrip(SSLSocket socket, String line) throws IOException {
    socket.getOutputStream().write(line.getBytes(StandardCharsets.US_ASCII));
    socket.getOutputStream().flush();
    byte[] answer = socket.getInputStream().readNBytes(line.length());
    return new String(answer, StandardCharsets.US_ASCII);
  }

  @ParameterizedTest
  @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
  void echoesOverTlsAndNegotiatesHttp11(String protocol) throws Exception {
    TcpServer server = tlsServer(Duration.ofSeconds(10));
    try (SSLSocket client = tlsClient(server, protocol)) {
      assertThat(client.getSession().getProtocol()).as("negotiated protocol").isEqualTo(protocol);
      assertThat(client.getApplicationProtocol()).as("ALPN").isEqualTo("http/1.1");
      assertThat(roundTrip(client, "hello over tls\n")).isEqualTo("hello over tls\n");
      assertThat(roundTrip(client, "again\n")).isEqualTo("again\n");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"big\n", "file\n"})
  void largeResponseArrivesIntact(String ask) throws Exception {
    TcpServer server = tlsServer(Duration.ofSeconds(10));
    try (SSLSocket client = tlsClient(server, "TLSv1.3")) {
      client.getOutputStream().write(ask.getBytes(StandardCharsets.US_ASCII));
      client.getOutputStream().flush();
      byte[] got = client.getInputStream().readNBytes(LARGE_BYTES);
      assertThat(Arrays.equals(got, large))
          .as("%s: %d bytes received, equal to the %d sent", ask, got.length, LARGE_BYTES)
          .isTrue();
      if (ask.equals("file\n")) {
        byte[] end = client.getInputStream().readNBytes(4);
        assertThat(new String(end, StandardCharsets.US_ASCII)).isEqualTo("end\n");
      }
    }
  }

  @Test
  void stalledHandshakeDoesNotHoldTheLoopAndIsClosedAfterTheTimeout() throws Exception {
    TcpServer server = tlsServer(Duration.ofSeconds(2));
    try (RawClient silent = connect(server);
        RawClient halfHello = connect(server)) {
      halfHello.write(new byte[] {0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00});
      try (SSLSocket client = tlsClient(server, "TLSv1.3")) {
        assertThat(roundTrip(client, "served meanwhile\n")).isEqualTo("served meanwhile\n");
      }
      assertThat(silent.awaitClosed()).as("silent client closed by the handshake timeout").isTrue();
      assertThat(halfHello.awaitClosed()).as("half a ClientHello closed by the timeout").isTrue();
    }
  }

  @Test
  void aHandshakeTrickledAByteAtATimeIsClosedByTheHandshakeTimeout() throws Exception {
    TcpServer server = tlsServer(Duration.ofSeconds(2));
    // A ClientHello record header announcing 512 bytes, then its body, a byte every 250 ms: each
    // byte is activity for the idle timer, but the handshake's timer counts from the accept.
    byte[] hello = new byte[5 + 40];
    hello[0] = 0x16;
    hello[1] = 0x03;
    hello[2] = 0x01;
    hello[3] = 0x02;
    hello[4] = 0x00;
    hello[5] = 0x01; // client_hello
    try (RawClient trickle = connect(server);
        ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor()) {
      AtomicInteger sent = new AtomicInteger();
      ScheduledFuture<?> sending =
          sender.scheduleAtFixedRate(
              () -> {
                int i = sent.get();
                if (i < hello.length) {
                  try {
                    trickle.write(new byte[] {hello[i]});
                    sent.incrementAndGet();
                  } catch (IOException e) {
                    sent.set(hello.length); // closed by the server: stop
                  }
                }
              },
              0,
              250,
              TimeUnit.MILLISECONDS);
      long start = System.nanoTime();
      assertThat(trickle.awaitClosed()).as("a trickled handshake is closed").isTrue();
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .as("time to close a handshake trickled over %d ms", hello.length * 250)
          .isLessThan(Duration.ofSeconds(8));
      sending.cancel(false);
    }
  }

  @Test
  void clientInitiatedRenegotiationIsRefusedByClosing() throws Exception {
    TcpServer server = tlsServer(Duration.ofSeconds(10));
    try (SSLSocket client = tlsClient(server, "TLSv1.2")) {
      assertThat(roundTrip(client, "before\n")).isEqualTo("before\n");
      int read;
      try {
        client.startHandshake(); // a renegotiation on an established TLS 1.2 session
        client.getOutputStream().write("after\n".getBytes(StandardCharsets.US_ASCII));
        client.getOutputStream().flush();
        read = client.getInputStream().read();
      } catch (IOException e) {
        read = -2; // the server closed mid-renegotiation
      }
      assertThat(read)
          .as("read() after a client-initiated renegotiation (-1 EOF, -2 I/O error)")
          .isNegative();
    }
  }

  @Test
  void plainTextGetsTheRefusalInClearAndIsClosed() throws Exception {
    TcpServer server = tlsServer(Duration.ofSeconds(10));
    try (RawClient plain = connect(server)) {
      plain.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
      assertThat(plain.readToEndAsString()).isEqualTo("ERR this port speaks TLS\n");
    }
  }

  @Test
  void garbageHandshakeIsClosedWithAnAlertAndOthersGoOn() throws Exception {
    TcpServer server = tlsServer(Duration.ofSeconds(10));
    try (RawClient garbage = connect(server)) {
      byte[] record = new byte[64];
      new Random(7).nextBytes(record);
      record[0] = 0x16; // a handshake record header, then nonsense
      record[1] = 0x03;
      record[2] = 0x03;
      record[3] = 0x00;
      record[4] = 59;
      garbage.write(record);
      byte[] answer = garbage.readToEnd();
      assertThat(answer).as("answer to a garbage ClientHello").isNotEmpty();
      assertThat(answer[0]).as("TLS record type of the answer (21 = alert)").isEqualTo((byte) 21);
      try (SSLSocket client = tlsClient(server, "TLSv1.3")) {
        assertThat(roundTrip(client, "still fine\n")).isEqualTo("still fine\n");
      }
    }
  }

  @Test
  void closeSendsCloseNotify() throws Exception {
    TcpServer server =
        server(
                TlsHandlerFactory.wrap(
                    keys.serverContext(),
                    connection ->
                        new ConnectionHandler() {
                          @Override
                          public void onData(Connection c, ByteBuffer data) {
                            c.write(ByteBuffer.wrap("bye\n".getBytes(StandardCharsets.US_ASCII)));
                            c.close();
                          }
                        }))
            .start();
    try (SSLSocket client = tlsClient(server, "TLSv1.3")) {
      client.getOutputStream().write('x');
      client.getOutputStream().flush();
      InputStream in = client.getInputStream();
      assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII))
          .as("everything before close_notify (readAllBytes ends at close_notify)")
          .isEqualTo("bye\n");
    }
  }
}
