package dev.pollux.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A peer program a test runs on 127.0.0.1 (node_exporter, Prometheus), its output in a log file,
 * waited for until an HTTP path of it answers 200 and stopped by {@link #close()}.
 */
final class LocalProcess implements AutoCloseable {
  private static final Duration STARTUP = Duration.ofSeconds(30);

  private final Process process;
  private final Path log;
  private final HttpClient http;
  private final URI base;

  private LocalProcess(Process process, Path log, URI base) {
    this.process = process;
    this.log = log;
    this.base = base;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  /**
   * Starts {@code command} (which must listen on {@code base}'s port) and waits until {@code
   * readyPath} answers 200.
   */
  static LocalProcess start(List<String> command, Path log, URI base, String readyPath)
      throws IOException {
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    LocalProcess started = new LocalProcess(process, log, base);
    try {
      await(command.get(0) + " answering on " + base.resolve(readyPath))
          .atMost(STARTUP)
          .pollInterval(Duration.ofMillis(100))
          .ignoreExceptionsInstanceOf(IOException.class)
          .until(
              () -> {
                assertThat(process.isAlive())
                    .as("%s still running; its log:%n%s", command.get(0), started.log())
                    .isTrue();
                return started.get(readyPath).statusCode() == 200;
              });
    } catch (RuntimeException | Error e) {
      started.close();
      throw e;
    }
    return started;
  }

  /** A port free on 127.0.0.1 now (the peer binds it itself; a race is unlikely and loud). */
  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(Duration.ofSeconds(10)).build();
    return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  String log() throws IOException {
    return Files.exists(log) ? Files.readString(log) : "(none)";
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      http.close();
    }
  }
}
