package dev.pollux.http;

import dev.pollux.http.internal.codec.HttpDates;
import dev.pollux.http.internal.routing.ContentTypes;
import dev.pollux.http.internal.routing.StaticPaths;
import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URI;
import java.net.URL;
import java.net.URLConnection;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarEntry;
import java.util.zip.CRC32;

/**
 * A {@link Handler} serving files from a directory (sent zero-copy with {@code
 * FileChannel.transferTo}) or resources from the classpath, usually {@link Router#mount mounted}
 * under a prefix. It answers {@code GET} and {@code HEAD} with {@code Content-Type} by extension,
 * {@code ETag} and {@code Last-Modified}, and {@code 304} to a matching {@code If-None-Match} or
 * {@code If-Modified-Since}. {@code index.html} serves a directory. No path escapes the root:
 * {@code ..}, encoded or double-encoded dots, backslashes, absolute paths and symbolic links that
 * lead outside all get {@code 404}.
 *
 * <p>File-system work never runs on the event loop: each request is served from a virtual thread.
 */
public final class StaticFiles implements Handler {

  private static final String INDEX = "index.html";

  private final Path root;
  private final ClassLoader loader;
  private final String prefix;
  private final String cacheControl;
  private final Map<String, Resource> resources = new ConcurrentHashMap<>();
  private final long startedMillis = System.currentTimeMillis();

  /** A classpath resource, read once; {@code bytes} is read-only and shared by every response. */
  private record Resource(ByteBuffer bytes, String etag, long lastModifiedMillis) {}

  private StaticFiles(Path root, ClassLoader loader, String prefix, String cacheControl) {
    this.root = root;
    this.loader = loader;
    this.prefix = prefix;
    this.cacheControl = cacheControl;
  }

  /** Files under {@code root}. */
  public static StaticFiles directory(Path root) {
    return new StaticFiles(root.toAbsolutePath().normalize(), null, null, null);
  }

  /** Resources under {@code prefix} (e.g. {@code dashboard/}) of {@code loader}. */
  public static StaticFiles classpath(ClassLoader loader, String prefix) {
    String clean = prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/";
    return new StaticFiles(null, Objects.requireNonNull(loader, "loader"), clean, null);
  }

  /** The same files with {@code Cache-Control: value}, e.g. {@code public, max-age=31536000}. */
  public StaticFiles cacheControl(String value) {
    return new StaticFiles(root, loader, prefix, Objects.requireNonNull(value, "value"));
  }

  @Override
  public void handle(Request request, Response response) {
    if (request.method() != Method.GET && request.method() != Method.HEAD) {
      response.header("Allow", "GET, HEAD");
      response.problem(HttpStatus.METHOD_NOT_ALLOWED, "method not allowed for this resource");
      return;
    }
    String raw = request.pathParam("*");
    String relative = StaticPaths.relative(raw != null ? raw : request.rawPath().substring(1));
    if (relative == null) {
      response.problem(HttpStatus.NOT_FOUND, "no resource at this path");
      return;
    }
    String ifNoneMatch = request.header("If-None-Match");
    String ifModifiedSince = request.header("If-Modified-Since");
    Thread.ofVirtual()
        .name("pollux-http-static")
        .start(() -> serve(relative, ifNoneMatch, ifModifiedSince, response));
  }

  private void serve(String relative, String ifNoneMatch, String since, Response response) {
    try {
      if (root != null) {
        serveFile(relative, ifNoneMatch, since, response);
      } else {
        serveResource(relative, ifNoneMatch, since, response);
      }
    } catch (NoSuchFileException e) {
      response.problem(HttpStatus.NOT_FOUND, "no resource at this path");
    } catch (IOException | RuntimeException e) {
      System.getLogger(StaticFiles.class.getName())
          .log(System.Logger.Level.WARNING, "cannot serve " + relative, e);
      if (!response.isCommitted()) {
        response.problem(HttpStatus.INTERNAL_SERVER_ERROR, "the file could not be read");
      }
    }
  }

  private void serveFile(String relative, String ifNoneMatch, String since, Response response)
      throws IOException {
    Path file = root.resolve(relative).normalize();
    if (Files.isDirectory(file)) {
      file = file.resolve(INDEX);
    }
    Path real = file.toRealPath();
    if (!file.startsWith(root) || !real.startsWith(root.toRealPath())) {
      response.problem(HttpStatus.NOT_FOUND, "no resource at this path"); // e.g. a symlink out
      return;
    }
    BasicFileAttributes attributes =
        Files.readAttributes(real, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    if (!attributes.isRegularFile()) {
      response.problem(HttpStatus.NOT_FOUND, "no resource at this path");
      return;
    }
    long size = attributes.size();
    long modified = attributes.lastModifiedTime().toMillis();
    String etag = "\"" + Long.toHexString(size) + "-" + Long.toHexString(modified) + "\"";
    if (validators(response, real.getFileName().toString(), etag, modified, ifNoneMatch, since)) {
      return;
    }
    FileChannel channel = FileChannel.open(real, StandardOpenOption.READ);
    response.sendFile(channel, 0, size);
  }

  private void serveResource(String relative, String ifNoneMatch, String since, Response response)
      throws IOException {
    String name =
        prefix + (relative.isEmpty() || relative.endsWith("/") ? relative + INDEX : relative);
    Resource resource = resources.get(name);
    if (resource == null) {
      resource = load(name);
      if (resource == null) {
        response.problem(HttpStatus.NOT_FOUND, "no resource at this path");
        return;
      }
      resources.putIfAbsent(name, resource);
    }
    String fileName = name.substring(name.lastIndexOf('/') + 1);
    if (!validators(
        response, fileName, resource.etag, resource.lastModifiedMillis, ifNoneMatch, since)) {
      response.send(resource.bytes.duplicate());
    }
  }

  private Resource load(String name) throws IOException {
    URL url = loader.getResource(name);
    if (url == null
        || ("file".equals(url.getProtocol())
            && Files.isDirectory(Path.of(URI.create(url.toString()))))) {
      return null;
    }
    URLConnection connection = url.openConnection();
    // Never URLConnection.getLastModified(): on a jar: URL it opens the jar file once more through
    // a file: connection and never closes it (the descriptor lives until a GC runs its cleaner).
    // Without caches the jar connection opens its own JarFile, which closing the stream closes.
    connection.setUseCaches(false);
    byte[] bytes;
    long modified;
    try (InputStream in = connection.getInputStream()) {
      modified = lastModified(url, connection);
      bytes = in.readAllBytes();
    }
    CRC32 crc = new CRC32();
    crc.update(bytes);
    String etag =
        "\"" + Long.toHexString(bytes.length) + "-" + Long.toHexString(crc.getValue()) + "\"";
    return new Resource(
        ByteBuffer.wrap(bytes).asReadOnlyBuffer(), etag, modified > 0 ? modified : startedMillis);
  }

  /** The resource's time: a jar entry's, a file's, else 0 (the caller uses its start time). */
  private static long lastModified(URL url, URLConnection connection) throws IOException {
    if (connection instanceof JarURLConnection jar) {
      JarEntry entry = jar.getJarEntry(); // from the JarFile the open stream holds
      return entry == null ? 0 : entry.getTime();
    }
    if ("file".equals(url.getProtocol())) {
      return Files.getLastModifiedTime(Path.of(URI.create(url.toString()))).toMillis();
    }
    return 0;
  }

  /** Sets the validator headers; answers 304 and returns true when the client's copy is fresh. */
  private boolean validators(
      Response response,
      String fileName,
      String etag,
      long modified,
      String ifNoneMatch,
      String since) {
    response.header("ETag", etag);
    response.header("Last-Modified", HttpDates.format(modified));
    if (cacheControl != null) {
      response.header("Cache-Control", cacheControl);
    }
    response.contentType(ContentTypes.of(fileName));
    // RFC 9110 §13.1.3: If-Modified-Since is ignored when If-None-Match is present.
    boolean fresh =
        ifNoneMatch != null ? matches(ifNoneMatch, etag) : notModifiedSince(since, modified);
    if (fresh) {
      response.status(HttpStatus.NOT_MODIFIED).send();
    }
    return fresh;
  }

  private static boolean matches(String ifNoneMatch, String etag) {
    int start = 0;
    while (start <= ifNoneMatch.length()) {
      int end = ifNoneMatch.indexOf(',', start);
      end = end < 0 ? ifNoneMatch.length() : end;
      String tag = ifNoneMatch.substring(start, end).trim();
      if (tag.startsWith("W/")) {
        tag = tag.substring(2); // weak comparison (RFC 9110 §13.1.2)
      }
      if (tag.equals("*") || tag.equals(etag)) {
        return true;
      }
      start = end + 1;
    }
    return false;
  }

  private static boolean notModifiedSince(String since, long modifiedMillis) {
    if (since == null) {
      return false;
    }
    long sinceMillis = HttpDates.parse(since);
    return sinceMillis >= 0 && modifiedMillis / 1000 <= sinceMillis / 1000;
  }
}
