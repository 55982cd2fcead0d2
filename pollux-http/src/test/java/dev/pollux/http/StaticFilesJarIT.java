package dev.pollux.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pollux.loop.NioTransport;
import dev.pollux.testing.net.RawResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Classpath resources served from a jar: every descriptor on the jar is released without a garbage
 * collection, and {@code Last-Modified} is the jar entry's time.
 */
class StaticFilesJarIT {

  private static final int RESOURCES = 12;
  private static final Instant ENTRY_TIME = Instant.parse("2024-03-01T10:00:00Z");

  @TempDir Path temp;

  @Test
  void servesResourcesFromAJarWithoutLeavingTheJarOpen() throws Exception {
    Path jar = temp.resolve("assets.jar");
    writeJar(jar);
    URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null);
    try (TestServer server =
        new TestServer(
            NioTransport.standard(),
            Router.create().mount("/a", StaticFiles.classpath(loader, "web")))) {
      for (int i = 0; i < RESOURCES; i++) {
        try (RawHttpClient client = server.client()) {
          RawResponse reply =
              client.send("GET /a/r" + i + ".txt HTTP/1.1\r\nHost: a\r\n\r\n").read();
          assertThat(reply.bodyText()).as("GET /a/r%d.txt", i).isEqualTo("resource " + i);
          assertThat(reply.header("last-modified"))
              .as("GET /a/r%d.txt: Last-Modified, the entry's time", i)
              .isEqualTo("Fri, 01 Mar 2024 10:00:00 GMT");
        }
      }
    } finally {
      loader.close(); // releases the class loader's own handle on the jar
    }
    assertThat(descriptorsOn(jar))
        .as("descriptors still open on %s after serving %d resources, no GC run", jar, RESOURCES)
        .isEmpty();
  }

  private static void writeJar(Path jar) throws IOException {
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file)) {
      for (int i = 0; i < RESOURCES; i++) {
        JarEntry entry = new JarEntry("web/r" + i + ".txt");
        entry.setLastModifiedTime(FileTime.from(ENTRY_TIME));
        out.putNextEntry(entry);
        out.write(("resource " + i).getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
      }
    }
  }

  private static List<String> descriptorsOn(Path jar) {
    String target = jar.toAbsolutePath().toString();
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      return fds.map(fd -> linkOrNull(fd)).filter(Objects::nonNull).filter(target::equals).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list /proc/self/fd", e);
    }
  }

  private static String linkOrNull(Path fd) {
    try {
      return Files.readSymbolicLink(fd).toString();
    } catch (IOException e) {
      return null; // closed between the listing and the read
    }
  }
}
