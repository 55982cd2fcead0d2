package dev.pollux.epoll.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import dev.pollux.loop.spi.ListenSocket;
import dev.pollux.loop.spi.StreamSocket;
import dev.pollux.testing.net.Leaks;
import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The epoll sockets on their own against JDK client sockets: EAGAIN, resets, half-close. */
class EpollSocketIT {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final InetSocketAddress LOOPBACK =
      new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

  private Leaks leaks;
  private ListenSocket listen;

  @BeforeEach
  void bind() throws IOException {
    leaks = Leaks.snapshot("pollux-");
    listen = EpollListenSocket.bind(LOOPBACK, 16, false);
  }

  @AfterEach
  void close() throws IOException {
    listen.close();
    leaks.assertReleased();
  }

  private Socket client() throws IOException {
    return new Socket(InetAddress.getLoopbackAddress(), listen.localAddress().getPort());
  }

  private StreamSocket accept() {
    return await("accept() on " + listen).atMost(WAIT).until(listen::accept, s -> s != null);
  }

  @Test
  void readWithNothingAvailableReturnsZeroAndThenTheBytes() throws IOException {
    assertThat(listen.accept()).as("accept() with nothing pending").isNull();
    try (Socket client = client();
        StreamSocket server = accept()) {
      assertThat(server.remoteAddress().getPort()).isEqualTo(client.getLocalPort());
      assertThat(server.localAddress()).isEqualTo(listen.localAddress());
      ByteBuffer direct = ByteBuffer.allocateDirect(64);
      assertThat(server.read(direct)).as("read() with nothing sent").isZero();
      client.getOutputStream().write("hello".getBytes(StandardCharsets.US_ASCII));
      await().atMost(WAIT).until(() -> server.read(direct) > 0);
      client.getOutputStream().write("heap".getBytes(StandardCharsets.US_ASCII));
      ByteBuffer heap = ByteBuffer.allocate(64);
      await().atMost(WAIT).until(() -> server.read(heap) > 0);
      assertThat(text(direct) + text(heap)).isEqualTo("helloheap");
    }
  }

  private static String text(ByteBuffer buffer) {
    buffer.flip();
    return StandardCharsets.US_ASCII.decode(buffer).toString();
  }

  @Test
  void writeToAPeerThatDoesNotReadReturnsZeroThenResumes() throws IOException {
    try (Socket client = client();
        StreamSocket server = accept()) {
      ByteBuffer chunk = ByteBuffer.allocateDirect(64 * 1024);
      long sent = 0;
      long n;
      int calls = 0;
      do {
        chunk.clear();
        n = server.write(new ByteBuffer[] {chunk, ByteBuffer.wrap(new byte[1000])}, 0, 2);
        sent += n;
      } while (n > 0 && ++calls < 10_000);
      assertThat(n).as("write() after %d bytes to a peer that does not read", sent).isZero();
      InputStream in = client.getInputStream();
      long drained = in.readNBytes((int) Math.min(sent, 256 * 1024)).length;
      assertThat(drained).isPositive();
      ByteBuffer more = ByteBuffer.wrap(new byte[1000]);
      await("write() once the peer read")
          .atMost(WAIT)
          .until(() -> server.write(new ByteBuffer[] {more}, 0, 1) > 0 || !more.hasRemaining());
    }
  }

  @Test
  void aResetByThePeerIsECONNRESETAndAClosedPeer() throws IOException {
    StreamSocket server;
    try (Socket client = client()) {
      server = accept();
      client.setSoLinger(true, 0);
    }
    try (server) {
      ByteBuffer buffer = ByteBuffer.allocateDirect(64);
      ErrnoException reset =
          await("read() after the peer's RST")
              .atMost(WAIT)
              .until(() -> readFailure(server, buffer), e -> e != null);
      assertThat(reset.errno()).as("errno of %s", reset).isEqualTo(Errno.ECONNRESET);
      assertThat(reset.peerGone()).isTrue();
      assertThat(reset).hasMessageContaining("read(fd ").hasMessageContaining("127.0.0.1:");
      Throwable write =
          catchThrowable(() -> server.write(new ByteBuffer[] {ByteBuffer.allocate(10)}, 0, 1));
      assertThat(write)
          .as("write() after the reset: EPIPE, not SIGPIPE killing the JVM")
          .isInstanceOf(ErrnoException.class);
      assertThat(((ErrnoException) write).peerGone()).isTrue();
    }
  }

  private static ErrnoException readFailure(StreamSocket socket, ByteBuffer buffer) {
    try {
      buffer.clear();
      socket.read(buffer);
      return null;
    } catch (ErrnoException e) {
      return e;
    } catch (IOException e) {
      throw new AssertionError("read() failed with " + e + ", expected an ErrnoException", e);
    }
  }

  @Test
  void halfCloseBothWays() throws IOException {
    try (Socket client = client();
        StreamSocket server = accept()) {
      server.write(
          new ByteBuffer[] {ByteBuffer.wrap("bye".getBytes(StandardCharsets.US_ASCII))}, 0, 1);
      server.shutdownOutput();
      assertThat(new String(client.getInputStream().readAllBytes(), StandardCharsets.US_ASCII))
          .as("what the client reads until the server's FIN")
          .isEqualTo("bye");
      client.getOutputStream().write('x');
      client.shutdownOutput();
      ByteBuffer buffer = ByteBuffer.allocateDirect(8);
      await().atMost(WAIT).until(() -> server.read(buffer) < 0);
      assertThat(buffer.position()).as("bytes read after the server's own FIN").isEqualTo(1);
    }
  }

  @Test
  void listensOnIpv6Loopback() throws IOException {
    byte[] loopback6 = new byte[16];
    loopback6[15] = 1;
    InetAddress ipv6Loopback = InetAddress.getByAddress(loopback6);
    InetSocketAddress v6 = new InetSocketAddress(ipv6Loopback, 0);
    try (ListenSocket six = EpollListenSocket.bind(v6, 4, false);
        Socket client = new Socket(ipv6Loopback, six.localAddress().getPort())) {
      StreamSocket server = await().atMost(WAIT).until(six::accept, s -> s != null);
      try (server) {
        assertThat(server.remoteAddress().getAddress().getHostAddress())
            .isEqualTo("0:0:0:0:0:0:0:1");
        assertThat(server.remoteAddress().getPort()).isEqualTo(client.getLocalPort());
      }
    }
  }

  @Test
  void reusePortLetsTwoListenersShareAPortAndWithoutItBindNamesTheAddress() throws IOException {
    try (ListenSocket first = EpollListenSocket.bind(LOOPBACK, 4, true);
        ListenSocket second = EpollListenSocket.bind(first.localAddress(), 4, true)) {
      assertThat(second.localAddress()).isEqualTo(first.localAddress());
    }
    int port = listen.localAddress().getPort();
    assertThatThrownBy(() -> EpollListenSocket.bind(listen.localAddress(), 4, false))
        .isInstanceOf(BindException.class)
        .hasMessageStartingWith("cannot listen on 127.0.0.1:" + port + ": bind(fd ")
        .hasMessageEndingWith("EADDRINUSE (Address already in use)");
  }

  @Test
  void acceptWithoutDescriptorsIsOutOfFileDescriptorsAndRecovers() throws Throwable {
    try (Socket client = client()) {
      int listenFd = ((EpollListenSocket) listen).descriptor().fd;
      try (DescriptorFiller filler = new DescriptorFiller(listenFd, Leaks.openFileDescriptors())) {
        assertThat(filler.filled()).as("descriptors dup'ed before EMFILE").isPositive();
        assertThatThrownBy(listen::accept)
            .isInstanceOf(ErrnoException.class)
            .hasMessageStartingWith("out of file descriptors: accept4(fd ")
            .hasMessageContaining("EMFILE");
      }
      try (StreamSocket server = accept()) {
        assertThat(server.remoteAddress().getPort()).isEqualTo(client.getLocalPort());
      }
    }
  }
}
