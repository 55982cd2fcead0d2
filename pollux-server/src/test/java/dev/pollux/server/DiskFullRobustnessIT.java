package dev.pollux.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pollux.testing.net.RawClient;
import dev.pollux.testing.sysfs.FakeSysfs;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What Pollux writes, on a full disk, with the shaded jar as a real process. Pollux writes three
 * things: its log (standard error; the access log of {@code --access-log} is part of it, there is
 * no log file of its own), the listener lines (standard output), and the self-signed keystore of
 * {@code --tls-self-signed DIR}; LED writes go to sysfs, not to a disk. Standard error and output
 * go to {@code /dev/full} (every write fails with ENOSPC); the keystore's directory is a 16 KiB
 * tmpfs filled to the last byte ({@code mount -t tmpfs}, which needs root and CAP_SYS_ADMIN: the
 * test is skipped, saying so, where the mount is refused).
 */
class DiskFullRobustnessIT {

  private static final Pattern HTTP_LISTENING =
      Pattern.compile("pollux: http listening on 127\\.0\\.0\\.1:(\\d+)");

  @TempDir Path dir;

  @Test
  void aLogOnAFullDeviceLosesTheLinesAndTheServerServesOnAndExitsZero() throws Exception {
    FakeSysfs tree = TestServer.standardTree(dir.resolve("tree"));
    Path stdout = dir.resolve("stdout.txt");
    Process process =
        start(
            tree,
            stdout.toFile(),
            new File("/dev/full"),
            "--http-port",
            "0",
            "--tcp-port",
            "0",
            "--access-log",
            "--log-level",
            "trace");
    try {
      int port = awaitHttpPort(process, stdout);
      for (int i = 0; i < 50; i++) {
        assertThat(get(port, "/temp"))
            .as("GET /temp #%s with the log on /dev/full", i)
            .startsWith("HTTP/1.1 200")
            .endsWith("48.312\n");
      }
      assertThat(get(port, "/api/v1/sensors/nope")).startsWith("HTTP/1.1 404");
      process.destroy();
      assertThat(awaitExit(process)).as("exit status after SIGTERM").isZero();
    } finally {
      process.destroyForcibly();
    }
  }

  @Test
  void listenerLinesOnAFullDeviceAreLostAndTheServerServesOn() throws Exception {
    FakeSysfs tree = TestServer.standardTree(dir.resolve("tree"));
    Path stderr = dir.resolve("stderr.txt");
    int port = freePort();
    Process process =
        start(
            tree,
            new File("/dev/full"),
            stderr.toFile(),
            "--http-port",
            Integer.toString(port),
            "--tcp-port",
            "off");
    try {
      await("GET /temp on the port given, stdout being /dev/full")
          .atMost(PolluxProcess.DEADLINE)
          .failFast("the process ended", () -> !process.isAlive())
          .ignoreExceptions()
          .until(() -> get(port, "/temp").startsWith("HTTP/1.1 200"));
      process.destroy();
      assertThat(awaitExit(process)).as("exit status after SIGTERM").isZero();
      assertThat(Files.readString(stderr))
          .as("standard error of a server whose standard output is full")
          .doesNotContain("Exception");
    } finally {
      process.destroyForcibly();
    }
  }

  @Test
  void aSelfSignedStoreOnAFullDiskIsAClearExitTwoAndTheNextStartWorks() throws Exception {
    Path full = dir.resolve("full");
    Files.createDirectories(full);
    int mount = run("mount", "-t", "tmpfs", "-o", "size=16k", "tmpfs", full.toString());
    Assumptions.assumeTrue(
        mount == 0, "skipped: 'mount -t tmpfs' refused here (needs root and CAP_SYS_ADMIN)");
    try {
      Path filler = full.resolve("filler");
      fill(filler);
      Path keys = full.resolve("tls");
      FakeSysfs tree = TestServer.standardTree(dir.resolve("tree"));
      Path stdout = dir.resolve("stdout.txt");
      Path stderr = dir.resolve("stderr.txt");
      String[] tls = {
        "--http-port",
        "off",
        "--tcp-port",
        "off",
        "--https-port",
        "0",
        "--tls-self-signed",
        keys.toString()
      };

      Process refused = start(tree, stdout.toFile(), stderr.toFile(), tls);

      assertThat(awaitExit(refused)).as("exit status with a full disk").isEqualTo(2);
      assertThat(Files.readString(stderr))
          .as("the message of a start on a full disk")
          .contains("Invalid value for option '--tls-self-signed'")
          .contains(keys.toString())
          .contains("No space left on device");
      try (var left = Files.list(keys)) {
        assertThat(left.toList()).as("files left in %s", keys).isEmpty();
      }

      Files.delete(filler);
      Process started = start(tree, stdout.toFile(), stderr.toFile(), tls);
      try {
        await("the https listener line once there is space")
            .atMost(PolluxProcess.DEADLINE)
            .failFast("the process ended", () -> !started.isAlive())
            .until(() -> Files.readString(stdout).contains("pollux: https listening on"));
        started.destroy();
        assertThat(awaitExit(started)).as("exit status after SIGTERM").isZero();
      } finally {
        started.destroyForcibly();
      }
    } finally {
      assertThat(run("umount", full.toString())).as("umount %s", full).isZero();
    }
  }

  /** {@code java -jar pollux.jar} on {@code tree}, bound to 127.0.0.1, with {@code args}. */
  private Process start(FakeSysfs tree, File stdout, File stderr, String... args)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar"));
    command.add(PolluxProcess.jar().toString());
    command.addAll(
        List.of(
            "--bind",
            "127.0.0.1",
            "--sysfs",
            tree.sysfsRoot().toString(),
            "--procfs",
            tree.procfsRoot().toString(),
            "--interval",
            "200ms"));
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .redirectOutput(stdout)
            .redirectError(stderr);
    builder.environment().keySet().removeIf(name -> name.startsWith("POLLUX_"));
    return builder.start();
  }

  private static int awaitHttpPort(Process process, Path stdout) {
    Matcher[] found = new Matcher[1];
    await("the http listener line")
        .atMost(PolluxProcess.DEADLINE)
        .failFast("the process ended", () -> !process.isAlive())
        .until(
            () -> {
              found[0] = HTTP_LISTENING.matcher(Files.readString(stdout));
              return found[0].find();
            });
    return Integer.parseInt(found[0].group(1));
  }

  private static int awaitExit(Process process) throws InterruptedException {
    assertThat(process.waitFor(PolluxProcess.DEADLINE.toMillis(), TimeUnit.MILLISECONDS))
        .as("the process ended within %s", PolluxProcess.DEADLINE)
        .isTrue();
    return process.exitValue();
  }

  private static String get(int port, String path) throws IOException {
    try (RawClient client = RawClient.connect(port)) {
      client.write("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
      return client.readToEndAsString();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** Writes zeros into {@code file} until the file system says ENOSPC. */
  private static void fill(Path file) throws IOException {
    byte[] block = new byte[1024];
    try (OutputStream out = Files.newOutputStream(file)) {
      for (int i = 0; i < 1024; i++) {
        out.write(block);
        out.flush();
      }
      throw new AssertionError("1 MiB fitted into the 16 KiB tmpfs at " + file);
    } catch (IOException e) {
      assertThat(e).as("writing until the tmpfs is full").hasMessageContaining("No space left");
    }
  }

  private static int run(String... command) throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    assertThat(process.waitFor(PolluxProcess.DEADLINE.toMillis(), TimeUnit.MILLISECONDS))
        .as("%s ended", String.join(" ", command))
        .isTrue();
    return process.exitValue();
  }
}
