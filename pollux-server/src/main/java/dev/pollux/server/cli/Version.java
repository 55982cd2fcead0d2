package dev.pollux.server.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine;

/**
 * Pollux's version and the commit it was built from, from the build's {@code
 * pollux-version.properties}; {@code --version} adds the Java runtime, e.g. {@code pollux 0.1.0
 * (commit 5e0213e1c2ab)} and {@code Java 25.0.1+8-LTS (Eclipse Adoptium) on Linux amd64}.
 */
public final class Version implements CommandLine.IVersionProvider {

  private static final Properties BUILD = load();
  private static final String VERSION = BUILD.getProperty("version", "unknown");

  /** The version, e.g. {@code 0.1.0-SNAPSHOT}. */
  public static String current() {
    return VERSION;
  }

  /** The commit the jar was built from, e.g. {@code 5e0213e1c2ab}, or {@code unknown}. */
  public static String commit() {
    String commit = BUILD.getProperty("commit", "unknown").strip();
    // Unfiltered (a build from an IDE) or empty (built outside a git checkout).
    return commit.isEmpty() || commit.startsWith("${") ? "unknown" : commit;
  }

  @Override
  public String[] getVersion() {
    return new String[] {
      "pollux " + VERSION + " (commit " + commit() + ")",
      "Java "
          + Runtime.version()
          + " ("
          + System.getProperty("java.vendor", "unknown vendor")
          + ") on "
          + System.getProperty("os.name", "unknown OS")
          + " "
          + System.getProperty("os.arch", "")
    };
  }

  private static Properties load() {
    Properties properties = new Properties();
    try (InputStream in = Version.class.getResourceAsStream("/pollux-version.properties")) {
      if (in != null) {
        properties.load(in);
      }
      return properties;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read pollux-version.properties", e);
    }
  }
}
