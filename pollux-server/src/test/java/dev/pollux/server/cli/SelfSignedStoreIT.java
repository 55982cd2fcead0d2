package dev.pollux.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --tls-self-signed DIR} when keytool fails half-way, as it does on a full disk: no store
 * file is left behind, so the next start, with space again, makes the certificate (before the fix
 * an empty {@code pollux-self-signed.p12} stayed and every later start failed with "Tag number over
 * 30 is not supported"). The end-to-end run on a full tmpfs is {@code DiskFullRobustnessIT}.
 */
class SelfSignedStoreIT {

  @TempDir Path dir;

  @Test
  void aKeytoolThatFailsOnAFullDiskLeavesNoStoreAndTheNextStartMakesOne() throws Exception {
    Path keys = dir.resolve("keys");
    Path failingKeytool = fullDiskKeytool();

    assertThatThrownBy(() -> SelfSignedStore.loadOrCreate(keys, "localhost", failingKeytool))
        .as("loadOrCreate with a keytool that writes an empty store and fails with ENOSPC")
        .isInstanceOf(IOException.class)
        .hasMessageContaining("No space left on device");
    try (var left = Files.list(keys)) {
      assertThat(left.toList())
          .as("files left in %s after keytool failed (an empty store would stay for good)", keys)
          .isEmpty();
    }

    KeyStore store = SelfSignedStore.loadOrCreate(keys, "localhost").store();

    assertThat(store.getCertificate("pollux"))
        .as("the certificate made by the next start, with the real keytool")
        .isNotNull();
    try (var left = Files.list(keys)) {
      assertThat(left.map(p -> p.getFileName().toString()).toList())
          .as("files in %s after a successful start", keys)
          .containsExactlyInAnyOrder(SelfSignedStore.FILE_NAME, SelfSignedStore.PASSWORD_FILE_NAME);
    }
  }

  @Test
  void aNewStoreIsOnlyItsOwnersAndHasARandomPasswordKeptBesideIt() throws Exception {
    Path keys = dir.resolve("a/keys");
    SelfSignedStore.Loaded loaded = SelfSignedStore.loadOrCreate(keys, "localhost");

    assertThat(mode(keys)).as("mode of %s", keys).isEqualTo("rwx------");
    assertThat(mode(keys.resolve(SelfSignedStore.FILE_NAME)))
        .as("the store's mode")
        .isEqualTo("rw-------");
    Path passwordFile = keys.resolve(SelfSignedStore.PASSWORD_FILE_NAME);
    assertThat(mode(passwordFile)).as("the password file's mode").isEqualTo("rw-------");
    String password = Files.readString(passwordFile).strip();
    assertThat(password).as("the password").hasSize(43).isEqualTo(new String(loaded.password()));
    assertThat(opens(keys, password.toCharArray())).as("the store opens with it").isTrue();
    assertThat(opens(keys, SelfSignedStore.LEGACY_PASSWORD))
        .as("the store opens with the old fixed password")
        .isFalse();

    Path other = dir.resolve("b");
    SelfSignedStore.loadOrCreate(other, "localhost");
    assertThat(Files.readString(other.resolve(SelfSignedStore.PASSWORD_FILE_NAME)).strip())
        .as("another store's password")
        .isNotEqualTo(password);
    assertThat(new String(SelfSignedStore.loadOrCreate(keys, "localhost").password()))
        .as("the password read on the next start")
        .isEqualTo(password);
  }

  @Test
  void looserModesOfAnExistingStoreAreTightened() throws Exception {
    Path keys = dir.resolve("keys");
    SelfSignedStore.loadOrCreate(keys, "localhost");
    Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rwxr-xr-x"));
    for (String name :
        new String[] {SelfSignedStore.FILE_NAME, SelfSignedStore.PASSWORD_FILE_NAME}) {
      Files.setPosixFilePermissions(
          keys.resolve(name), PosixFilePermissions.fromString("rw-r--r--"));
    }

    assertThat(SelfSignedStore.loadOrCreate(keys, "localhost").store().getCertificate("pollux"))
        .isNotNull();

    assertThat(mode(keys)).as("mode of %s after a start", keys).isEqualTo("rwx------");
    assertThat(mode(keys.resolve(SelfSignedStore.FILE_NAME))).isEqualTo("rw-------");
    assertThat(mode(keys.resolve(SelfSignedStore.PASSWORD_FILE_NAME))).isEqualTo("rw-------");
  }

  @Test
  void aStoreOfAnEarlierVersionIsReEncryptedUnderARandomPassword() throws Exception {
    Path keys = dir.resolve("old");
    Files.createDirectories(keys);
    Path file = keys.resolve(SelfSignedStore.FILE_NAME);
    Process keytool =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                "pollux",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=localhost",
                "-validity",
                "10",
                "-storetype",
                "PKCS12",
                "-keystore",
                file.toString(),
                "-storepass",
                new String(SelfSignedStore.LEGACY_PASSWORD))
            .redirectErrorStream(true)
            .start();
    String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(keytool.waitFor()).as("keytool: %s", output).isZero();
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    String before = fingerprint(file, SelfSignedStore.LEGACY_PASSWORD);

    SelfSignedStore.Loaded loaded = SelfSignedStore.loadOrCreate(keys, "localhost");

    String password = Files.readString(keys.resolve(SelfSignedStore.PASSWORD_FILE_NAME)).strip();
    assertThat(new String(loaded.password())).isEqualTo(password);
    assertThat(opens(keys, SelfSignedStore.LEGACY_PASSWORD))
        .as("opens with the old password")
        .isFalse();
    assertThat(fingerprint(file, password.toCharArray()))
        .as("the certificate after the migration (clients that pinned it still trust it)")
        .isEqualTo(before);
    assertThat(mode(file)).isEqualTo("rw-------");
    assertThat(mode(keys)).isEqualTo("rwx------");
    assertThat(SelfSignedStore.fingerprint(loaded.store().getCertificate("pollux")))
        .isEqualTo(before);
    assertThat(loaded.store().getKey("pollux", loaded.password())).as("the key").isNotNull();
  }

  @Test
  void keytoolGetsThePasswordInItsEnvironmentNotOnItsCommandLine() throws Exception {
    Path arguments = dir.resolve("arguments");
    Path script = dir.resolve("recording-keytool");
    Files.writeString(
        script,
        "#!/bin/sh\necho \"$@\" > "
            + arguments
            + "\necho \"$POLLUX_SELF_SIGNED_PASSWORD\" >> "
            + arguments
            + "\nexit 1\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));

    assertThatThrownBy(() -> SelfSignedStore.loadOrCreate(dir.resolve("k"), "localhost", script))
        .isInstanceOf(IOException.class);

    List<String> lines = Files.readAllLines(arguments);
    assertThat(lines).as("keytool's arguments, then its password variable").hasSize(2);
    assertThat(lines.get(1)).as("the password in the environment").hasSize(43);
    assertThat(lines.get(0))
        .as("keytool's command line")
        .contains("-storepass:env POLLUX_SELF_SIGNED_PASSWORD")
        .doesNotContain(lines.get(1));
  }

  private static String mode(Path path) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }

  private static boolean opens(Path keys, char[] password) throws Exception {
    try (var in = Files.newInputStream(keys.resolve(SelfSignedStore.FILE_NAME))) {
      KeyStore.getInstance("PKCS12").load(in, password);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static String fingerprint(Path file, char[] password) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (var in = Files.newInputStream(file)) {
      store.load(in, password);
    }
    return SelfSignedStore.fingerprint(store.getCertificate("pollux"));
  }

  /** A keytool that does what the real one does on ENOSPC: an empty store file and exit 1. */
  private Path fullDiskKeytool() throws IOException {
    Path script = dir.resolve("keytool");
    Files.writeString(
        script,
        """
        #!/bin/sh
        while [ $# -gt 0 ]; do
          if [ "$1" = "-keystore" ]; then : > "$2"; fi
          shift
        done
        echo "keytool error: java.io.IOException: No space left on device"
        exit 1
        """);
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    return script;
  }
}
