package dev.pollux.server.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;

/**
 * A certificate chain and a private key read from PEM files, as Let's Encrypt or a self-made CA
 * hands them out ({@code fullchain.pem}, and {@code privkey.pem} with a {@code -----BEGIN PRIVATE
 * KEY-----} PKCS#8 block, RSA or EC), put into an in-memory key store.
 */
final class PemKeys {

  static final char[] NO_PASSWORD = new char[0];

  private PemKeys() {}

  /** Parses the chain (leaf first) with {@link CertificateFactory}. */
  static List<Certificate> certificates(Path file) throws IOException, GeneralSecurityException {
    byte[] bytes = Files.readAllBytes(file);
    List<? extends Certificate> chain =
        List.copyOf(
            CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(bytes)));
    if (chain.isEmpty()) {
      throw new GeneralSecurityException("no certificate in it");
    }
    return List.copyOf(chain);
  }

  /** Parses a PKCS#8 {@code PRIVATE KEY} block, trying RSA, then EC. */
  static PrivateKey privateKey(Path file) throws IOException, GeneralSecurityException {
    String text = Files.readString(file, StandardCharsets.US_ASCII);
    String begin = "-----BEGIN PRIVATE KEY-----";
    String end = "-----END PRIVATE KEY-----";
    int from = text.indexOf(begin);
    int to = text.indexOf(end);
    if (from < 0 || to < from) {
      throw new GeneralSecurityException(
          "no '" + begin + "' block (PKCS#8); convert with: openssl pkcs8 -topk8 -nocrypt");
    }
    byte[] der = Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to));
    PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
    for (String algorithm : List.of("RSA", "EC")) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(spec);
      } catch (InvalidKeySpecException e) {
        // Not this algorithm: try the next one.
      }
    }
    throw new GeneralSecurityException("the private key is neither RSA nor EC");
  }

  /** A key store holding {@code key} with {@code chain} under the alias {@code server}. */
  static KeyStore store(PrivateKey key, List<Certificate> chain)
      throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry("server", key, NO_PASSWORD, chain.toArray(Certificate[]::new));
    return store;
  }
}
