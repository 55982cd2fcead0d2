package dev.pollux.server.metrics;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * A program from a Debian package that a test runs as a real peer, e.g. {@code promtool} from
 * {@code prometheus}. CI installs them ({@code .ci/install-deps}), so there a missing one fails the
 * test; on a developer's machine the test is skipped with a message saying what to install.
 */
final class ExternalTool {
  private ExternalTool() {}

  /** The program's path; fails under {@code CI=true} when it is missing, else skips the test. */
  static Path require(String program, String debianPackage) {
    Path found = find(program);
    if (found != null) {
      return found;
    }
    String message =
        program + " is not installed (Debian package " + debianPackage + ", see .ci/install-deps)";
    if ("true".equals(System.getenv("CI"))) {
      fail("CI=true but " + message);
    }
    Assumptions.abort("skipped: " + message);
    throw new AssertionError("unreachable");
  }

  private static Path find(String program) {
    String path = System.getenv("PATH");
    String dirs =
        (path == null ? "" : path)
            + File.pathSeparator
            + "/usr/bin"
            + File.pathSeparator
            + "/usr/sbin";
    for (String dir : dirs.split(File.pathSeparator, -1)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, program);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }
}
