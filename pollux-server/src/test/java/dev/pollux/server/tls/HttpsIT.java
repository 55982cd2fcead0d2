package dev.pollux.server.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pollux.server.TestServer;
import dev.pollux.server.cli.PolluxCommand;
import dev.pollux.testing.net.LeakCheck;
import dev.pollux.testing.net.RawClient;
import dev.pollux.testing.sysfs.FakeSysfs;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.ParameterException;

/** {@code --https-port}, {@code --tcp-tls} and {@code --tls-self-signed} against real peers. */
class HttpsIT {

  @RegisterExtension final LeakCheck leaks = LeakCheck.threadsNamed("pollux-");

  @TempDir static Path dir;
  private static TestCa ca;
  private static FakeSysfs tree;

  @BeforeAll
  static void makeCaAndTree() throws IOException {
    ca = TestCa.make(dir);
    tree = TestServer.standardTree(dir.resolve("tree"));
  }

  private static TestServer startTls(String... more) {
    List<String> options =
        new ArrayList<>(
            List.of(
                "--https-port",
                "0",
                "--tls-cert",
                ca.fullChain().toString(),
                "--tls-key",
                ca.serverKey().toString(),
                "--tls-handshake-timeout",
                "3s"));
    options.addAll(List.of(more));
    return TestServer.on(tree).tcp().options(options.toArray(String[]::new)).start();
  }

  private static int httpsPort(TestServer server) {
    return server.server().httpsAddress().map(InetSocketAddress::getPort).orElseThrow();
  }

  private static SSLContext trustingTheCa() throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    try (InputStream in = Files.newInputStream(ca.caPem())) {
      trust.setCertificateEntry(
          "ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory trusts =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trusts.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trusts.getTrustManagers(), null);
    return context;
  }

  @Test
  void curlOpensslAndTheJdkClientGetTheApiOverHttps() throws Exception {
    TestCa.requireTool("curl");
    try (TestServer server = startTls()) {
      int port = httpsPort(server);
      String curl =
          TestCa.run(
              dir,
              "curl",
              "-sS",
              "--cacert",
              ca.caPem().toString(),
              "https://127.0.0.1:" + port + "/temp");
      assertThat(curl)
          .as("curl --cacert ca.pem https://127.0.0.1:%d/temp", port)
          .isEqualTo("48.312\n");

      String handshake =
          TestCa.run(
              dir,
              "openssl",
              "s_client",
              "-connect",
              "127.0.0.1:" + port,
              "-alpn",
              "http/1.1",
              "-CAfile",
              ca.caPem().toString());
      assertThat(handshake)
          .as("openssl s_client -alpn http/1.1")
          .contains("ALPN protocol: http/1.1");
      assertThat(handshake).contains("Verify return code: 0 (ok)");

      try (HttpClient client = HttpClient.newBuilder().sslContext(trustingTheCa()).build()) {
        HttpResponse<String> response =
            client.send(
                HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/healthz"))
                    .timeout(Duration.ofSeconds(20))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET /healthz over HTTPS").isEqualTo(200);
        assertThat(response.body()).isEqualTo("ok\n");
      }
    }
  }

  @Test
  void manyPipelinedRequestsArriveIntactAndPlainHttpGetsA400() throws Exception {
    try (TestServer server = startTls()) {
      int port = httpsPort(server);
      int count = 300;
      try (SSLSocket socket =
          (SSLSocket)
              trustingTheCa()
                  .getSocketFactory()
                  .createSocket(InetAddress.getLoopbackAddress(), port)) {
        socket.setSoTimeout(20_000);
        String request = "GET /temp HTTP/1.1\r\nHost: pollux\r\n\r\n";
        socket
            .getOutputStream()
            .write(request.repeat(count - 1).getBytes(StandardCharsets.US_ASCII));
        socket
            .getOutputStream()
            .write(
                "GET /temp HTTP/1.1\r\nHost: pollux\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        String all = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertThat(all.split("HTTP/1.1 200 OK", -1))
            .as("responses to %d pipelined GET /temp over TLS", count)
            .hasSize(count + 1);
        assertThat(all.split("\r\n\r\n48.312\n", -1)).hasSize(count + 1);
      }
      try (RawClient plain = RawClient.connect(port)) {
        plain.write("GET /temp HTTP/1.1\r\nHost: pollux\r\n\r\n");
        assertThat(plain.readToEndAsString())
            .as("plain HTTP to the HTTPS port")
            .startsWith("HTTP/1.1 400 Bad Request")
            .endsWith("This port speaks HTTPS.\n");
      }
    }
  }

  @Test
  void tcpTlsServesTheLineProtocolOverTls() throws Exception {
    try (TestServer server = startTls("--tcp-tls", "true")) {
      try (SSLSocket socket =
          (SSLSocket)
              trustingTheCa()
                  .getSocketFactory()
                  .createSocket(InetAddress.getLoopbackAddress(), server.tcpPort())) {
        socket.setSoTimeout(20_000);
        socket.getOutputStream().write("temp\nquit\n".getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        String all = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertThat(all)
            .as("banner, temp over TLS")
            .contains(" on " + TestServer.DEVICE_ID)
            .contains("\n48.312\n");
      }
    }
  }

  @Test
  void selfSignedIsMadeOnceAndItsFingerprintIsTheServedCertificate() throws Exception {
    Path keys = dir.resolve("self-signed");
    String first = selfSignedFingerprint(keys);
    assertThat(Files.exists(keys.resolve("pollux-self-signed.p12"))).isTrue();
    assertThat(selfSignedFingerprint(keys)).as("fingerprint on the second start").isEqualTo(first);
  }

  private static String selfSignedFingerprint(Path keys) throws Exception {
    try (TestServer server =
        TestServer.on(tree)
            .tcp()
            .options("--https-port", "0", "--tls-self-signed", keys.toString())
            .start()) {
      String output =
          TestCa.run(
              dir,
              "openssl",
              "s_client",
              "-connect",
              "127.0.0.1:" + httpsPort(server),
              "-showcerts");
      int begin = output.indexOf("-----BEGIN CERTIFICATE-----");
      int end = output.indexOf("-----END CERTIFICATE-----") + "-----END CERTIFICATE-----".length();
      Path served =
          Files.writeString(dir.resolve("served.pem"), output.substring(begin, end) + "\n");
      String fingerprint =
          TestCa.run(
              dir,
              "openssl",
              "x509",
              "-in",
              served.toString(),
              "-noout",
              "-fingerprint",
              "-sha256");
      String hex = fingerprint.substring(fingerprint.indexOf('=') + 1).strip();
      return hex;
    }
  }

  @Test
  void badTlsOptionsNameTheOptionAndTheFile() throws IOException {
    Path missing = dir.resolve("missing.pem");
    Path garbage = Files.writeString(dir.resolve("garbage.pem"), "not a certificate\n");
    assertThatThrownBy(() -> parse("--https-port", "0"))
        .isInstanceOf(ParameterException.class)
        .hasMessageContaining("--https-port needs a certificate");
    assertThatThrownBy(
            () ->
                parse(
                    "--https-port",
                    "0",
                    "--tls-cert",
                    missing.toString(),
                    "--tls-key",
                    ca.serverKey().toString()))
        .isInstanceOf(ParameterException.class)
        .hasMessageContaining("'--tls-cert'")
        .hasMessageContaining(missing.toString());
    assertThatThrownBy(
            () ->
                parse(
                    "--https-port",
                    "0",
                    "--tls-cert",
                    ca.fullChain().toString(),
                    "--tls-key",
                    garbage.toString()))
        .isInstanceOf(ParameterException.class)
        .hasMessageContaining("'--tls-key'")
        .hasMessageContaining(garbage.toString());
    assertThatThrownBy(
            () ->
                parse(
                    "--https-port",
                    "0",
                    "--tls-cert",
                    ca.caPem().toString(),
                    "--tls-key",
                    ca.serverKey().toString()))
        .as("a key that is not the certificate's")
        .isInstanceOf(ParameterException.class)
        .hasMessageContaining("is not the key of the certificate");
    assertThatThrownBy(() -> parse("--https-port", "0", "--tls-keystore", garbage.toString()))
        .isInstanceOf(ParameterException.class)
        .hasMessageContaining("'--tls-keystore'")
        .hasMessageContaining(garbage.toString());
  }

  private static void parse(String... args) {
    PolluxCommand.parse(List.of(args), Map.of());
  }
}
