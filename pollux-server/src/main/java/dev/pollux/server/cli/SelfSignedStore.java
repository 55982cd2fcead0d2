package dev.pollux.server.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate kept in {@code DIR/pollux-self-signed.p12}, made on first start by the
 * JDK's own {@code keytool -genkeypair} (a subprocess: the JDK has no public API to issue a
 * certificate, and a library for it would be the server's only reason to carry one).
 *
 * <p>The private key is guarded by the file system: {@code DIR} is 0700, the store and its random
 * password, kept in {@code DIR/pollux-self-signed.password}, are 0600 (looser modes found at start
 * are tightened and logged; {@link SecretFiles}). keytool gets the password in its environment,
 * never on its command line, where any local user could read it. A store of an earlier version,
 * encrypted under the password that was written in the source, is re-encrypted under a new random
 * password at its first start (the key and certificate stay, so clients that pinned the fingerprint
 * go on trusting it; delete the directory for a new key).
 *
 * <p>keytool writes into a temporary file beside the store, which is moved into place only once
 * keytool succeeded: on a full disk keytool leaves an empty or cut file behind, and a store file
 * that exists is never made again, so every later start would fail on it ("Tag number over 30")
 * even after space was freed.
 */
final class SelfSignedStore {

  static final String FILE_NAME = "pollux-self-signed.p12";
  static final String PASSWORD_FILE_NAME = "pollux-self-signed.password";

  /** The password of stores made before it was random; read once to migrate them. */
  static final char[] LEGACY_PASSWORD = "pollux-self-signed".toCharArray();

  static final String ALIAS = "pollux";

  /** keytool reads the password from this variable of its environment ({@code -storepass:env}). */
  private static final String PASSWORD_VARIABLE = "POLLUX_SELF_SIGNED_PASSWORD";

  private static final System.Logger LOG = System.getLogger(SelfSignedStore.class.getName());

  /** The store and the password that opens it (for the key manager). */
  static final class Loaded {
    private final KeyStore store;
    private final char[] password;

    Loaded(KeyStore store, char[] password) {
      this.store = store;
      this.password = password.clone();
    }

    KeyStore store() {
      return store;
    }

    char[] password() {
      return password.clone();
    }
  }

  private SelfSignedStore() {}

  /** Loads the store in {@code dir}, making it first if it is not there. */
  static Loaded loadOrCreate(Path dir, String hostName)
      throws IOException, GeneralSecurityException {
    return loadOrCreate(dir, hostName, defaultKeytool());
  }

  /** {@link #loadOrCreate(Path, String)} with another {@code keytool}, for tests. */
  static Loaded loadOrCreate(Path dir, String hostName, Path keytool)
      throws IOException, GeneralSecurityException {
    SecretFiles.directory(dir);
    Path file = dir.resolve(FILE_NAME);
    Path passwordFile = dir.resolve(PASSWORD_FILE_NAME);
    if (!Files.exists(file)) {
      create(keytool, file, passwordFile, hostName);
    }
    SecretFiles.file(file);
    char[] password = null;
    if (Files.exists(passwordFile)) {
      SecretFiles.file(passwordFile);
      password = Files.readString(passwordFile, StandardCharsets.UTF_8).strip().toCharArray();
    }
    KeyStore store = password == null ? null : tryLoad(file, password);
    if (store == null) {
      store = tryLoad(file, LEGACY_PASSWORD);
      if (store == null) {
        throw new GeneralSecurityException(
            "cannot open "
                + file
                + (password == null
                    ? ": " + passwordFile + " is missing"
                    : " with the password in " + passwordFile)
                + "; delete "
                + dir
                + " to make a new certificate");
      }
      Loaded migrated = migrate(store, file, passwordFile);
      store = migrated.store();
      password = migrated.password();
    }
    if (store.getCertificate(ALIAS) == null) {
      throw new GeneralSecurityException("no entry '" + ALIAS + "' in " + file);
    }
    return new Loaded(store, password);
  }

  /** The certificate's SHA-256 fingerprint as {@code openssl x509 -fingerprint} prints it. */
  static String fingerprint(Certificate certificate) throws GeneralSecurityException {
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
    return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
  }

  /** A new key pair and certificate under a new random password, both files 0600. */
  private static void create(Path keytool, Path file, Path passwordFile, String hostName)
      throws IOException {
    Path partial = dir(file).resolve(FILE_NAME + ".partial");
    Path partialPassword = dir(file).resolve(PASSWORD_FILE_NAME + ".partial");
    char[] password = newPassword();
    try {
      Files.deleteIfExists(partial); // left by a start that was killed while keytool ran
      generate(keytool, partial, hostName, password);
      SecretFiles.restrict(partial);
      SecretFiles.write(partialPassword, new String(password) + "\n");
      // The password first: a store without its password file would be unreadable.
      Files.move(partialPassword, passwordFile, StandardCopyOption.ATOMIC_MOVE);
      Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(partial);
      Files.deleteIfExists(partialPassword);
    }
  }

  /**
   * Re-encrypts a store of an earlier version under a new random password. The new password file
   * goes into place before the store: a start killed in between finds the old store, which the
   * legacy password still opens, and migrates again.
   */
  private static Loaded migrate(KeyStore legacy, Path file, Path passwordFile)
      throws IOException, GeneralSecurityException {
    char[] password = newPassword();
    Key key = legacy.getKey(ALIAS, LEGACY_PASSWORD);
    Certificate[] chain = legacy.getCertificateChain(ALIAS);
    if (key == null || chain == null) {
      throw new GeneralSecurityException("no key entry '" + ALIAS + "' in " + file);
    }
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry(ALIAS, key, password, chain);
    Path partial = dir(file).resolve(FILE_NAME + ".partial");
    Path partialPassword = dir(file).resolve(PASSWORD_FILE_NAME + ".partial");
    try {
      SecretFiles.write(partialPassword, new String(password) + "\n");
      Files.deleteIfExists(partial);
      SecretFiles.create(partial);
      try (OutputStream out = Files.newOutputStream(partial)) {
        store.store(out, password);
      }
      Files.move(partialPassword, passwordFile, StandardCopyOption.ATOMIC_MOVE);
      Files.move(
          partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(partial);
      Files.deleteIfExists(partialPassword);
    }
    LOG.log(
        Level.WARNING,
        "{0} was encrypted under the fixed password of earlier versions: re-encrypted under a"
            + " random one in {1}. Its key may have been read by other local users before; delete"
            + " the directory for a new key.",
        file,
        passwordFile);
    return new Loaded(store, password);
  }

  /** The store opened with {@code password}, or null when that is not its password. */
  private static KeyStore tryLoad(Path file, char[] password)
      throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(file)) {
      store.load(in, password);
      return store;
    } catch (IOException e) {
      // KeyStore.load reports a wrong password as an IOException caused by an
      // UnrecoverableKeyException; anything else is a damaged file.
      if (e.getCause() instanceof UnrecoverableKeyException) {
        return null;
      }
      throw e;
    }
  }

  /** 32 random bytes as base64url: 43 characters, 256 bits. */
  private static char[] newPassword() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).toCharArray();
  }

  private static Path dir(Path file) {
    return file.toAbsolutePath().getParent();
  }

  private static Path defaultKeytool() {
    return Path.of(System.getProperty("java.home"), "bin", "keytool");
  }

  private static void generate(Path keytool, Path file, String hostName, char[] password)
      throws IOException {
    List<String> command =
        List.of(
            keytool.toString(),
            "-genkeypair",
            "-alias",
            ALIAS,
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
            "-storepass:env",
            PASSWORD_VARIABLE);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put(PASSWORD_VARIABLE, new String(password));
    Process process = builder.start();
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
