package dev.pollux.server.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store that {@code --tls-self-signed DIR} makes (issue 15: the directory was 0755, the key
 * store 0644 and its password written in the source, so any local user could take the private key):
 * the directory 0700, every file in it 0600, a password of its own; an existing store with looser
 * modes is fixed or refused with a message naming it.
 */
class SelfSignedModesIT {

  static final Set<PosixFilePermission> OWNER_ONLY_DIR =
      PosixFilePermissions.fromString("rwx------");
  static final Set<PosixFilePermission> OWNER_ONLY_FILE =
      PosixFilePermissions.fromString("rw-------");

  /** The password the store had before issue 15, in the source for anyone to read. */
  static final char[] PUBLIC_PASSWORD = "pollux-self-signed".toCharArray();

  @TempDir Path dir;

  @Test
  void aNewStoreIsTheOwnersAloneWithAPasswordOfItsOwn() throws IOException {
    Path tls = dir.resolve("tls");
    try (HostileServer server = startTls(dir.resolve("run"), tls)) {
      server.assertServing();
    }
    assertThat(Files.getPosixFilePermissions(tls)).as("modes of %s", tls).isEqualTo(OWNER_ONLY_DIR);
    List<Path> files = files(tls);
    assertThat(files).as("files in %s", tls).isNotEmpty();
    for (Path file : files) {
      assertThat(Files.getPosixFilePermissions(file))
          .as("modes of %s", file)
          .isEqualTo(OWNER_ONLY_FILE);
    }
    Path store = tls.resolve("pollux-self-signed.p12");
    assertThatThrownBy(() -> load(store, PUBLIC_PASSWORD))
        .as("opening %s with the password written in Pollux's source", store)
        .isInstanceOf(IOException.class);
  }

  @Test
  void anExistingStoreWithLooseModesIsFixedOrRefused() throws IOException {
    Path tls = dir.resolve("tls");
    try (HostileServer server = startTls(dir.resolve("first"), tls)) {
      server.assertServing();
    }
    Files.setPosixFilePermissions(tls, PosixFilePermissions.fromString("rwxr-xr-x"));
    for (Path file : files(tls)) {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    }
    Path second = Files.createDirectories(dir.resolve("second"));
    List<String> command =
        List.of(
            HostileServer.launcher().toString(),
            "--bind",
            "127.0.0.1",
            "--http-port",
            "off",
            "--tcp-port",
            "0",
            "--https-port",
            "0",
            "--tls-self-signed",
            tls.toString(),
            "--sysfs",
            dir.resolve("first/tree/sys").toString(),
            "--procfs",
            dir.resolve("first/tree/proc").toString());
    Process process = HostileServer.launch(second, command);
    try {
      await("bin/pollux to refuse the store or to listen")
          .atMost(HostileServer.DEADLINE)
          .until(
              () ->
                  !process.isAlive()
                      || Files.readString(second.resolve("stdout.txt"))
                          .contains("https listening"));
      if (process.isAlive()) {
        assertThat(Files.getPosixFilePermissions(tls))
            .as("modes of %s, fixed", tls)
            .isEqualTo(OWNER_ONLY_DIR);
        for (Path file : files(tls)) {
          assertThat(Files.getPosixFilePermissions(file))
              .as("modes of %s, fixed", file)
              .isEqualTo(OWNER_ONLY_FILE);
        }
      } else {
        assertThat(process.exitValue()).as("exit status refusing a readable store").isNotZero();
        assertThat(Files.readString(second.resolve("stderr.txt")))
            .as("the message refusing the store")
            .contains(tls.toString());
      }
    } finally {
      HostileServer.kill(process);
    }
  }

  private static HostileServer startTls(Path run, Path tls) throws IOException {
    return HostileServer.start(
        Files.createDirectories(run), "--tls-self-signed", tls.toString(), "--https-port", "0");
  }

  private static List<Path> files(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.toList();
    }
  }

  private static void load(Path store, char[] password) throws Exception {
    KeyStore keyStore = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      keyStore.load(in, password);
    }
  }
}
