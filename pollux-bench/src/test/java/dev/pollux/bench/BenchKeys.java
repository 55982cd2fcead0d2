package dev.pollux.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate made as {@code bin/bench} makes it ({@code keytool -genkeypair}, EC
 * P-256, PKCS#12), and a TLS client socket that trusts exactly that certificate.
 */
final class BenchKeys {

  static final char[] PASSWORD = "pollux-bench".toCharArray();
  private static final long KEYTOOL_SECONDS = 60;

  private BenchKeys() {}

  /** Makes {@code dir/bench.p12} with the JDK's keytool; returns its path. */
  static Path generate(Path dir) throws IOException, InterruptedException {
    Path file = dir.resolve("bench.p12");
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    List<String> command =
        List.of(
            keytool.toString(),
            "-genkeypair",
            "-alias",
            "bench",
            "-keyalg",
            "EC",
            "-groupname",
            "secp256r1",
            "-validity",
            "2",
            "-dname",
            "CN=localhost",
            "-ext",
            "SAN=ip:127.0.0.1,dns:localhost",
            "-storetype",
            "PKCS12",
            "-keystore",
            file.toString(),
            "-storepass",
            new String(PASSWORD));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output;
    try (InputStream in = process.getInputStream()) {
      output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    if (!process.waitFor(KEYTOOL_SECONDS, TimeUnit.SECONDS) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IOException(command + " failed: " + output);
    }
    return file;
  }

  /** A TLS 1.3/1.2 connection to {@code address:port} trusting the certificate in {@code store}. */
  static SSLSocket connect(Path store, InetAddress address, int port, int timeoutMillis)
      throws IOException {
    try (InputStream in = Files.newInputStream(store)) {
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(in, PASSWORD);
      KeyStore trusted = KeyStore.getInstance("PKCS12");
      trusted.load(null, null);
      trusted.setCertificateEntry("bench", keys.getCertificate("bench"));
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(trusted);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket();
      socket.connect(new InetSocketAddress(address, port), timeoutMillis);
      socket.setSoTimeout(timeoutMillis);
      socket.setEnabledProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
      socket.startHandshake();
      return socket;
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot trust the certificate in " + store + ": " + e, e);
    }
  }
}
