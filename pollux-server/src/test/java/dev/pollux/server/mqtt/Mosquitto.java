package dev.pollux.server.mqtt;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Mosquitto broker for a test: {@code /usr/sbin/mosquitto -c <conf>} on 127.0.0.1 and a port
 * of its own, anonymous, without persistence, its log in the test's directory. CI installs the
 * {@code mosquitto} package ({@code .ci/install-deps}), so there a missing broker fails the test;
 * on a developer's machine the test is skipped with a message saying what to install.
 */
final class Mosquitto implements AutoCloseable {

  static final Path EXECUTABLE = Path.of("/usr/sbin/mosquitto");
  private static final Duration START_DEADLINE = Duration.ofSeconds(20);

  private final Path dir;
  private final int port;
  private Process process;

  private Mosquitto(Path dir, int port) {
    this.dir = dir;
    this.port = port;
  }

  /** Fails under {@code CI=true} when Mosquitto is missing, else skips the test. */
  static void require() {
    if (Files.isExecutable(EXECUTABLE)) {
      return;
    }
    String message =
        EXECUTABLE + " is not installed (Debian package mosquitto, see .ci/install-deps)";
    if ("true".equals(System.getenv("CI"))) {
      fail("CI=true but " + message);
    }
    Assumptions.abort("skipped: " + message);
  }

  /** A broker, not started yet, on a port free now. */
  static Mosquitto onFreePort(Path dir) {
    require();
    return new Mosquitto(dir, freePort());
  }

  /** A port nobody listens on now. */
  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  int port() {
    return port;
  }

  /** {@code tcp://127.0.0.1:<port>}. */
  String url() {
    return "tcp://127.0.0.1:" + port;
  }

  /** Starts the broker and waits until it accepts connections. */
  Mosquitto start() throws IOException {
    Path conf = dir.resolve("mosquitto-" + port + ".conf");
    Files.writeString(
        conf, "listener " + port + " 127.0.0.1\nallow_anonymous true\npersistence false\n");
    Path log = dir.resolve("mosquitto-" + port + ".log");
    process =
        new ProcessBuilder(List.of(EXECUTABLE.toString(), "-c", conf.toString()))
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    await("mosquitto listening on 127.0.0.1:" + port + " (log: " + log + ")")
        .atMost(START_DEADLINE)
        .pollInterval(Duration.ofMillis(50))
        .until(this::accepts);
    return this;
  }

  /** Kills the broker (SIGKILL): its clients see their connections drop. */
  void kill() {
    process.destroyForcibly();
    try {
      if (!process.waitFor(START_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
        fail("mosquitto did not die within " + START_DEADLINE);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for mosquitto to die", e);
    }
  }

  private boolean accepts() {
    if (!process.isAlive()) {
      fail("mosquitto exited with status " + process.exitValue() + "; see its log in " + dir);
    }
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1_000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void close() {
    if (process != null && process.isAlive()) {
      kill();
    }
  }
}
