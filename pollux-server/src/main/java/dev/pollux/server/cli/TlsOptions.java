package dev.pollux.server.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The TLS options of the {@code pollux} command ({@code --https-port 8443 --tls-cert fullchain.pem
 * --tls-key privkey.pem ...}), a picocli mixin of {@link PolluxCommand}, resolved into {@link
 * TlsSettings}. A bad or missing file is a usage error naming the option and the file.
 */
final class TlsOptions {

  @Option(
      names = "--https-port",
      paramLabel = "N",
      defaultValue = "off",
      converter = OptionConverters.PortConverter.class,
      description = "HTTPS port (needs a certificate); 0 picks a free one (default: off).")
  ListenPort httpsPort;

  @Option(
      names = "--tls-cert",
      paramLabel = "FILE",
      description = "PEM certificate chain, leaf first (e.g. Let's Encrypt's fullchain.pem).")
  Path certFile;

  @Option(
      names = "--tls-key",
      paramLabel = "FILE",
      description = "PEM PKCS#8 private key (RSA or EC) of --tls-cert.")
  Path keyFile;

  @Option(
      names = "--tls-keystore",
      paramLabel = "FILE",
      description = "PKCS#12 key store instead of --tls-cert/--tls-key.")
  Path keystore;

  @Option(
      names = "--tls-keystore-password-file",
      paramLabel = "F",
      description = "File holding the --tls-keystore password (first line).")
  Path keystorePasswordFile;

  @Option(
      names = "--tls-self-signed",
      paramLabel = "DIR",
      description = "Use a self-signed certificate kept in DIR, made on first start.")
  Path selfSignedDir;

  @Option(
      names = "--tcp-tls",
      defaultValue = "false",
      fallbackValue = "true",
      arity = "0..1",
      converter = OptionConverters.BooleanConverter.class,
      description = "The TCP protocol port speaks TLS too (needs a certificate).")
  boolean tcpTls;

  @Option(
      names = "--tls-handshake-timeout",
      paramLabel = "D",
      defaultValue = "10s",
      converter = OptionConverters.DurationConverter.class,
      description = "Close a client whose TLS handshake takes longer (default: ${DEFAULT-VALUE}).")
  Duration handshakeTimeout;

  /** The settings, or empty when neither HTTPS nor TCP over TLS is asked for. */
  Optional<TlsSettings> resolve(CommandLine commandLine) {
    int sources =
        (certFile != null || keyFile != null ? 1 : 0)
            + (keystore != null ? 1 : 0)
            + (selfSignedDir != null ? 1 : 0);
    if (sources > 1) {
      throw new ParameterException(
          commandLine,
          "--tls-cert/--tls-key, --tls-keystore and --tls-self-signed cannot be combined:"
              + " choose one");
    }
    if (!httpsPort.enabled() && !tcpTls) {
      return Optional.empty();
    }
    String what = httpsPort.enabled() ? "--https-port" : "--tcp-tls";
    if (sources == 0) {
      throw new ParameterException(
          commandLine,
          what
              + " needs a certificate: --tls-cert and --tls-key, --tls-keystore,"
              + " or --tls-self-signed DIR");
    }
    if (handshakeTimeout.isZero() || handshakeTimeout.isNegative()) {
      throw new ParameterException(
          commandLine, "Invalid value for option '--tls-handshake-timeout': expected above 0");
    }
    KeyStore store;
    char[] password;
    String source;
    if (keystore != null) {
      password = keystorePassword(commandLine);
      store = loadKeystore(commandLine, password);
      source = "--tls-keystore " + keystore;
    } else if (selfSignedDir != null) {
      Path file = selfSignedDir.resolve(SelfSignedStore.FILE_NAME);
      boolean made = !Files.exists(file);
      SelfSignedStore.Loaded loaded = selfSigned(commandLine);
      store = loaded.store();
      password = loaded.password();
      source =
          (made ? "a new" : "the")
              + " self-signed certificate in "
              + file
              + ", SHA-256 fingerprint "
              + fingerprint(store);
    } else {
      password = PemKeys.NO_PASSWORD;
      store = pem(commandLine);
      source = "--tls-cert " + certFile + " and --tls-key " + keyFile;
    }
    return Optional.of(
        new TlsSettings(
            httpsPort, context(commandLine, store, password), tcpTls, handshakeTimeout, source));
  }

  private KeyStore pem(CommandLine commandLine) {
    if (certFile == null || keyFile == null) {
      throw new ParameterException(commandLine, "--tls-cert and --tls-key go together: give both");
    }
    List<Certificate> chain;
    try {
      chain = PemKeys.certificates(certFile);
    } catch (IOException | GeneralSecurityException e) {
      throw invalid(commandLine, "--tls-cert", certFile, e);
    }
    PrivateKey key;
    try {
      key = PemKeys.privateKey(keyFile);
    } catch (IOException | GeneralSecurityException e) {
      throw invalid(commandLine, "--tls-key", keyFile, e);
    }
    if (!matches(key, chain.getFirst())) {
      throw new ParameterException(
          commandLine,
          "Invalid value for option '--tls-key': "
              + keyFile
              + " is not the key of the certificate in "
              + certFile);
    }
    try {
      return PemKeys.store(key, chain);
    } catch (IOException | GeneralSecurityException e) {
      throw invalid(commandLine, "--tls-key", keyFile, e);
    }
  }

  /** Whether {@code key} signs what the certificate's public key verifies. */
  private static boolean matches(PrivateKey key, Certificate certificate) {
    String algorithm = key.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
    byte[] probe = "pollux".getBytes(StandardCharsets.US_ASCII);
    try {
      Signature sign = Signature.getInstance(algorithm);
      sign.initSign(key);
      sign.update(probe);
      byte[] signature = sign.sign();
      Signature verify = Signature.getInstance(algorithm);
      verify.initVerify(certificate.getPublicKey());
      verify.update(probe);
      return verify.verify(signature);
    } catch (GeneralSecurityException e) {
      return false; // e.g. an EC key against an RSA certificate
    }
  }

  private char[] keystorePassword(CommandLine commandLine) {
    if (keystorePasswordFile == null) {
      return new char[0];
    }
    try {
      String content = Files.readString(keystorePasswordFile, StandardCharsets.UTF_8);
      int newline = content.indexOf('\n');
      return (newline < 0 ? content : content.substring(0, newline)).strip().toCharArray();
    } catch (IOException e) {
      throw invalid(commandLine, "--tls-keystore-password-file", keystorePasswordFile, e);
    }
  }

  private KeyStore loadKeystore(CommandLine commandLine, char[] password) {
    try (InputStream in = Files.newInputStream(keystore)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, password);
      return store;
    } catch (IOException | GeneralSecurityException e) {
      throw invalid(commandLine, "--tls-keystore", keystore, e);
    }
  }

  private SelfSignedStore.Loaded selfSigned(CommandLine commandLine) {
    try {
      return SelfSignedStore.loadOrCreate(selfSignedDir, hostName());
    } catch (IOException | GeneralSecurityException e) {
      throw invalid(commandLine, "--tls-self-signed", selfSignedDir, e);
    }
  }

  private static String fingerprint(KeyStore store) {
    try {
      return SelfSignedStore.fingerprint(store.getCertificate("pollux"));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("fingerprinting a certificate just loaded", e);
    }
  }

  private static String hostName() {
    String name = LocalHost.name();
    return name.matches("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?") ? name : "localhost";
  }

  private SSLContext context(CommandLine commandLine, KeyStore store, char[] password) {
    try {
      KeyManagerFactory keys =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store, password);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), null, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new ParameterException(commandLine, "cannot use the TLS keys: " + e.getMessage(), e);
    }
  }

  private static ParameterException invalid(
      CommandLine commandLine, String option, Path file, Exception e) {
    String reason = FileErrors.describe(e);
    return new ParameterException(
        commandLine,
        "Invalid value for option '" + option + "': cannot use " + file + " (" + reason + ")",
        e);
  }
}
