package dev.pollux.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pollux.bench.peers.PeerServer;
import dev.pollux.bench.peers.ServerKeys;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every HTTP contestant answers the TechEmpower requests with the same bodies and content types,
 * also when they arrive pipelined in one write, and the HTTPS ones over TLS 1.3, so that the
 * harness compares like with like.
 */
class ContestantsIT {

  private static final int TIMEOUT_MILLIS = 10_000;
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  @ParameterizedTest
  @EnumSource(value = Contestant.class, names = "NETTY_LINE", mode = EnumSource.Mode.EXCLUDE)
  void answersPlaintextAndJsonPipelined(Contestant contestant) throws Exception {
    try (PeerServer server = contestant.start(new InetSocketAddress(LOOPBACK, 0), 1, "nio");
        Socket socket = connect(server.port())) {
      String requests = request("/plaintext") + request("/json") + request("/plaintext");
      socket.getOutputStream().write(requests.getBytes(StandardCharsets.US_ASCII));

      List<Response> responses = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        responses.add(Response.read(socket.getInputStream()));
      }

      assertThat(responses)
          .as("%s: responses to GET /plaintext, /json, /plaintext pipelined", contestant)
          .extracting(Response::status, Response::contentType, Response::body)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(200, "text/plain", "Hello, World!"),
              org.assertj.core.groups.Tuple.tuple(
                  200, "application/json", "{\"message\":\"Hello, World!\"}"),
              org.assertj.core.groups.Tuple.tuple(200, "text/plain", "Hello, World!"));
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = Contestant.class,
      names = {"POLLUX", "NETTY_EPOLL", "NETTY_NIO"})
  void answersTheSameBytesOverTls13(Contestant contestant, @TempDir Path dir) throws Exception {
    Path keystore = BenchKeys.generate(dir);
    SSLContext tls = ServerKeys.load(keystore, BenchKeys.PASSWORD);
    try (PeerServer server = contestant.start(new InetSocketAddress(LOOPBACK, 0), 1, "nio", tls);
        SSLSocket socket = BenchKeys.connect(keystore, LOOPBACK, server.port(), TIMEOUT_MILLIS)) {
      String requests = request("/plaintext") + request("/json");
      socket.getOutputStream().write(requests.getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();

      List<Response> responses =
          List.of(Response.read(socket.getInputStream()), Response.read(socket.getInputStream()));

      assertThat(socket.getSession().getProtocol())
          .as("%s: the TLS version negotiated with a JDK client offering 1.3 and 1.2", contestant)
          .isEqualTo("TLSv1.3");
      assertThat(socket.getSession().getCipherSuite())
          .as("%s: the cipher suite chosen by the server (the JDK's preference)", contestant)
          .isEqualTo("TLS_AES_256_GCM_SHA384");
      assertThat(responses)
          .as("%s: responses to GET /plaintext, /json pipelined over https", contestant)
          .extracting(Response::status, Response::contentType, Response::body)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(200, "text/plain", "Hello, World!"),
              org.assertj.core.groups.Tuple.tuple(
                  200, "application/json", "{\"message\":\"Hello, World!\"}"));
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = Contestant.class,
      names = {"POLLUX", "NETTY_EPOLL", "NETTY_NIO"},
      mode = EnumSource.Mode.EXCLUDE)
  void refusesTlsWhereItHasNone(Contestant contestant, @TempDir Path dir) throws Exception {
    SSLContext tls = ServerKeys.load(BenchKeys.generate(dir), BenchKeys.PASSWORD);

    assertThatThrownBy(() -> contestant.start(new InetSocketAddress(LOOPBACK, 0), 1, "nio", tls))
        .as("%s.start(..., tls)", contestant)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has no HTTPS here");
  }

  @ParameterizedTest
  @EnumSource(value = Contestant.class, names = "NETTY_LINE")
  void lineServerSendsABannerThenAnswersEachPipelinedLine(Contestant contestant) throws Exception {
    try (PeerServer server = contestant.start(new InetSocketAddress(LOOPBACK, 0), 1, "nio");
        Socket socket = connect(server.port())) {
      socket.getOutputStream().write("temp\ntemp\n".getBytes(StandardCharsets.US_ASCII));
      InputStream in = socket.getInputStream();

      List<String> lines = List.of(line(in), line(in), line(in));

      assertThat(lines)
          .as("lines read after sending 'temp' twice")
          .containsExactly("netty line server", "48.312", "48.312");
    }
  }

  private static Socket connect(int port) throws IOException {
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress(LOOPBACK, port), TIMEOUT_MILLIS);
    socket.setSoTimeout(TIMEOUT_MILLIS);
    return socket;
  }

  private static String request(String path) {
    return "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAccept: */*\r\n\r\n";
  }

  private static String line(InputStream in) throws IOException {
    StringBuilder s = new StringBuilder();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new IOException("connection closed after '" + s + "'");
      }
      if (b != '\r') {
        s.append((char) b);
      }
    }
    return s.toString();
  }

  /** A response with a Content-Length body. */
  private record Response(int status, String contentType, String body) {

    static Response read(InputStream in) throws IOException {
      String statusLine = line(in);
      int status = Integer.parseInt(statusLine.substring(9, 12)); // "HTTP/1.1 200 OK"
      String type = null;
      int length = -1;
      for (String header = line(in); !header.isEmpty(); header = line(in)) {
        int colon = header.indexOf(':');
        String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
        String value = header.substring(colon + 1).trim();
        if (name.equals("content-type")) {
          type = value;
        } else if (name.equals("content-length")) {
          length = Integer.parseInt(value);
        }
      }
      if (length < 0) {
        throw new IOException("no Content-Length after status line '" + statusLine + "'");
      }
      byte[] body = in.readNBytes(length);
      return new Response(status, type, new String(body, StandardCharsets.UTF_8));
    }
  }
}
