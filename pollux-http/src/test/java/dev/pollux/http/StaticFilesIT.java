package dev.pollux.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pollux.loop.Transport;
import dev.pollux.testing.net.RawResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Static files from a directory and from the classpath: types, validators, 304, traversal. */
@OnEveryTransport
class StaticFilesIT {

  @Parameter Transport transport;

  @TempDir Path temp;
  private TestServer server;

  @BeforeEach
  void start() throws Exception {
    Path root = Files.createDirectories(temp.resolve("root"));
    Files.writeString(root.resolve("hello.txt"), "hello file");
    Files.createDirectories(root.resolve("css"));
    Files.writeString(root.resolve("css/app.css"), "body{}");
    Files.writeString(root.resolve("index.html"), "<p>home</p>");
    Files.writeString(temp.resolve("secret.txt"), "secret");
    Files.createSymbolicLink(root.resolve("escape.txt"), temp.resolve("secret.txt"));
    server =
        new TestServer(
            transport,
            Router.create()
                .get("/api", (q, r) -> r.send("api"))
                .mount("/files", StaticFiles.directory(root))
                .mount(
                    "/assets",
                    StaticFiles.classpath(StaticFilesIT.class.getClassLoader(), "static-test")
                        .cacheControl("public, max-age=31536000, immutable")));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private RawResponse get(String path, String... headers) throws Exception {
    try (RawHttpClient client = server.client()) {
      StringBuilder raw = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: a\r\n");
      for (String header : headers) {
        raw.append(header).append("\r\n");
      }
      return client.send(raw.append("\r\n").toString()).read();
    }
  }

  @Test
  void servesAFileWithTypeAndValidators() throws Exception {
    RawResponse reply = get("/files/hello.txt");
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.bodyText()).isEqualTo("hello file");
    assertThat(reply.header("content-type")).isEqualTo("text/plain; charset=utf-8");
    assertThat(reply.header("etag")).isNotBlank();
    assertThat(reply.header("last-modified")).endsWith("GMT");
    assertThat(get("/files/css/app.css").header("content-type")).startsWith("text/css");
    assertThat(get("/files/").bodyText())
        .as("a directory serves index.html")
        .isEqualTo("<p>home</p>");
  }

  @Test
  void answersNotModifiedToAMatchingValidator() throws Exception {
    RawResponse first = get("/files/hello.txt");
    RawResponse byTag = get("/files/hello.txt", "If-None-Match: W/" + first.header("etag"));
    assertThat(byTag.status()).as("If-None-Match with the ETag").isEqualTo(304);
    assertThat(byTag.header("etag")).isEqualTo(first.header("etag"));
    RawResponse byDate =
        get("/files/hello.txt", "If-Modified-Since: " + first.header("last-modified"));
    assertThat(byDate.status()).as("If-Modified-Since the Last-Modified").isEqualTo(304);
    RawResponse stale = get("/files/hello.txt", "If-None-Match: \"other\"");
    assertThat(stale.status()).as("If-None-Match with another tag").isEqualTo(200);
  }

  @Test
  void sendsHeadersWithoutTheFileForHead() throws Exception {
    try (RawHttpClient client = server.client()) {
      RawResponse head =
          client.send("HEAD /files/hello.txt HTTP/1.1\r\nHost: a\r\n\r\n").read(true);
      assertThat(head.header("content-length")).isEqualTo("10");
      assertThat(client.send("GET /api HTTP/1.1\r\nHost: a\r\n\r\n").read().bodyText())
          .isEqualTo("api");
    }
  }

  @Test
  void servesClasspathResourcesWithCacheControl() throws Exception {
    RawResponse css = get("/assets/sub/app.css");
    assertThat(css.bodyText()).isEqualTo("body{}\n");
    assertThat(css.header("cache-control")).isEqualTo("public, max-age=31536000, immutable");
    assertThat(get("/assets/").bodyText()).isEqualTo("<h1>dashboard</h1>\n");
    assertThat(get("/assets/sub/app.css", "If-None-Match: " + css.header("etag")).status())
        .isEqualTo(304);
    assertThat(get("/assets/missing.js").status()).isEqualTo(404);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/files/../secret.txt",
        "/files/%2e%2e/secret.txt",
        "/files/%2E%2E%2Fsecret.txt",
        "/files/%252e%252e/secret.txt",
        "/files/..%5csecret.txt",
        "/files/css/..\\..\\secret.txt",
        "/files//etc/passwd",
        "/files/%2fetc/passwd",
        "/files/escape.txt",
        "/files/nothing.txt",
        "/assets/../dev/pollux/http/StaticFilesIT.class",
        "/assets/%2e%2e/dev/pollux/http/StaticFilesIT.class"
      })
  void neverEscapesTheRoot(String path) throws Exception {
    RawResponse reply = get(path);
    assertThat(reply.status()).as("status of GET %s", path).isIn(400, 404);
    assertThat(reply.bodyText())
        .as("body of GET %s", path)
        .doesNotContain("secret\"")
        .isNotEqualTo("secret");
  }

  @Test
  void refusesOtherMethods() throws Exception {
    try (RawHttpClient client = server.client()) {
      RawResponse reply =
          client
              .send("PUT /files/hello.txt HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\n\r\n")
              .read();
      assertThat(reply.status()).isEqualTo(405);
      assertThat(reply.header("allow")).isEqualTo("GET, HEAD");
    }
  }
}
