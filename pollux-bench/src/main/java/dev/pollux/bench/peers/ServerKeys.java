package dev.pollux.bench.peers;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The server keys of the HTTPS scenario: a PKCS#12 key store (the harness makes one self-signed
 * certificate per run with {@code keytool}) loaded into a JDK {@link SSLContext}, which Pollux and
 * Netty (with its JDK provider) then both use, so that both run the same TLS implementation.
 */
public final class ServerKeys {

  private ServerKeys() {}

  /**
   * The JDK's default TLS context with the key entry of the PKCS#12 store {@code file}.
   *
   * @throws IOException naming the file when it cannot be read or its password is wrong
   */
  public static SSLContext load(Path file, char[] password) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, password);
      KeyManagerFactory keys =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store, password);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), null, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot use the PKCS#12 key store " + file + ": " + e, e);
    }
  }
}
