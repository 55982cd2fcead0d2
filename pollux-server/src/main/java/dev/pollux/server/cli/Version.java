package dev.pollux.server.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine;

/** Pollux's version, from the build's {@code pollux-version.properties}. */
public final class Version implements CommandLine.IVersionProvider {

  private static final String VERSION = load();

  /** The version, e.g. {@code 0.1.0-SNAPSHOT}. */
  public static String current() {
    return VERSION;
  }

  @Override
  public String[] getVersion() {
    return new String[] {"pollux " + VERSION};
  }

  private static String load() {
    try (InputStream in = Version.class.getResourceAsStream("/pollux-version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version", "unknown");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read pollux-version.properties", e);
    }
  }
}
