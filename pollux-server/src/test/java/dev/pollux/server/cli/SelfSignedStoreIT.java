package dev.pollux.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
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

    KeyStore store = SelfSignedStore.loadOrCreate(keys, "localhost");

    assertThat(store.getCertificate("pollux"))
        .as("the certificate made by the next start, with the real keytool")
        .isNotNull();
    try (var left = Files.list(keys)) {
      assertThat(left.map(p -> p.getFileName().toString()).toList())
          .as("files in %s after a successful start", keys)
          .containsExactly(SelfSignedStore.FILE_NAME);
    }
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
