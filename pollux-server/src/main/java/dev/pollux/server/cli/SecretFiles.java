package dev.pollux.server.cli;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Files only their owner may read, such as a private key: directories 0700, files 0600. One that is
 * found looser (group or other bits set) is tightened and logged; when that fails (another user's
 * file) the start fails with a message naming the path. On a file system without POSIX permissions
 * nothing is checked.
 */
final class SecretFiles {

  static final Set<PosixFilePermission> DIRECTORY_MODE =
      PosixFilePermissions.fromString("rwx------");
  static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");

  private static final System.Logger LOG = System.getLogger(SecretFiles.class.getName());

  private SecretFiles() {}

  /** Makes {@code dir} (and missing parents) 0700, or tightens it to 0700. */
  static void directory(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(dir, attribute(dir.getParent(), DIRECTORY_MODE));
    }
    tighten(dir, DIRECTORY_MODE);
  }

  /** Tightens an existing file to 0600. */
  static void file(Path file) throws IOException {
    tighten(file, FILE_MODE);
  }

  /** Sets a file just made by another program (keytool, under the umask) to 0600, silently. */
  static void restrict(Path file) throws IOException {
    if (posix(file)) {
      Files.setPosixFilePermissions(file, FILE_MODE);
    }
  }

  /** Creates an empty file that is 0600 from its first byte. */
  static void create(Path file) throws IOException {
    Files.createFile(file, attribute(file.getParent(), FILE_MODE));
  }

  /** Writes {@code text} into a new 0600 file (replacing one that is there). */
  static void write(Path file, String text) throws IOException {
    Files.deleteIfExists(file);
    create(file);
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  private static void tighten(Path path, Set<PosixFilePermission> mode) throws IOException {
    if (!posix(path)) {
      return;
    }
    Set<PosixFilePermission> now = Files.getPosixFilePermissions(path);
    EnumSet<PosixFilePermission> loose = EnumSet.noneOf(PosixFilePermission.class);
    loose.addAll(now);
    loose.removeAll(
        EnumSet.of(
            PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE,
            PosixFilePermission.OWNER_EXECUTE));
    if (loose.isEmpty()) {
      return;
    }
    try {
      Files.setPosixFilePermissions(path, mode);
    } catch (IOException e) {
      throw new IOException(
          path
              + " is "
              + PosixFilePermissions.toString(now)
              + ", open to other users, and cannot be made "
              + PosixFilePermissions.toString(mode)
              + " ("
              + e.getMessage()
              + "): make it so, or give a directory of the user running pollux",
          e);
    }
    LOG.log(
        Level.WARNING,
        "{0} was {1}, open to other users: made it {2}",
        path,
        PosixFilePermissions.toString(now),
        PosixFilePermissions.toString(mode));
  }

  private static boolean posix(Path path) {
    Path probe = path;
    while (probe != null && !Files.exists(probe)) {
      probe = probe.getParent();
    }
    return probe != null && Files.getFileAttributeView(probe, PosixFileAttributeView.class) != null;
  }

  /** The mode as a creation attribute, or none where {@code near}'s file system has no modes. */
  private static FileAttribute<?>[] attribute(Path near, Set<PosixFilePermission> mode) {
    Path probe = near == null ? Path.of("").toAbsolutePath() : near;
    return posix(probe)
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(mode)}
        : new FileAttribute<?>[0];
  }
}
