package dev.pollux.server.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate kept in {@code DIR/pollux-self-signed.p12}, made on first start by the
 * JDK's own {@code keytool -genkeypair} (a subprocess: the JDK has no public API to issue a
 * certificate, and a library for it would be the server's only reason to carry one).
 *
 * <p>keytool writes into a temporary file beside the store, which is moved into place only once
 * keytool succeeded: on a full disk keytool leaves an empty or cut file behind, and a store file
 * that exists is never made again, so every later start would fail on it ("Tag number over 30")
 * even after space was freed.
 */
final class SelfSignedStore {

  static final String FILE_NAME = "pollux-self-signed.p12";

  /** The store's password; the file's protection is its directory's permissions, not this. */
  static final char[] PASSWORD = "pollux-self-signed".toCharArray();

  private SelfSignedStore() {}

  /** Loads the store in {@code dir}, making it first if it is not there. */
  static KeyStore loadOrCreate(Path dir, String hostName)
      throws IOException, GeneralSecurityException {
    return loadOrCreate(dir, hostName, defaultKeytool());
  }

  /** {@link #loadOrCreate(Path, String)} with another {@code keytool}, for tests. */
  static KeyStore loadOrCreate(Path dir, String hostName, Path keytool)
      throws IOException, GeneralSecurityException {
    Path file = dir.resolve(FILE_NAME);
    if (!Files.exists(file)) {
      Files.createDirectories(dir);
      Path partial = dir.resolve(FILE_NAME + ".partial");
      try {
        Files.deleteIfExists(partial); // left by a start that was killed while keytool ran
        generate(keytool, partial, hostName);
        Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(partial);
      }
    }
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(file)) {
      store.load(in, PASSWORD);
    }
    Certificate certificate = store.getCertificate("pollux");
    if (certificate == null) {
      throw new GeneralSecurityException("no entry 'pollux' in " + file);
    }
    return store;
  }

  /** The certificate's SHA-256 fingerprint as {@code openssl x509 -fingerprint} prints it. */
  static String fingerprint(Certificate certificate) throws GeneralSecurityException {
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
    return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
  }

  private static Path defaultKeytool() {
    return Path.of(System.getProperty("java.home"), "bin", "keytool");
  }

  private static void generate(Path keytool, Path file, String hostName) throws IOException {
    List<String> command =
        List.of(
            keytool.toString(),
            "-genkeypair",
            "-alias",
            "pollux",
            "-keyalg",
            "EC",
            "-groupname",
            "secp256r1",
            "-dname",
            "CN=" + hostName,
            "-ext",
            "SAN=dns:" + hostName + ",dns:localhost,ip:127.0.0.1,ip:::1",
            "-validity",
            "3650",
            "-storetype",
            "PKCS12",
            "-keystore",
            file.toString(),
            "-storepass",
            new String(PASSWORD));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IOException("keytool -genkeypair failed: " + output.strip());
      }
    } catch (InterruptedException e) {
      process.destroy();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while keytool made " + file, e);
    }
  }
}
