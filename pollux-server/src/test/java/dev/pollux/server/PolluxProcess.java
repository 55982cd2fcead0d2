package dev.pollux.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code pollux} command run as a real process for a test: {@code java -jar target/pollux.jar}
 * or {@code bin/pollux}, with stdout and stderr going to files in a test directory (read while it
 * runs) and stdin from {@code /dev/null}. {@link #close()} kills it if it is still running.
 */
final class PolluxProcess implements AutoCloseable {

  /** Start-up of a JVM and an exit on a loaded two-core machine. */
  static final Duration DEADLINE = Duration.ofSeconds(60);

  /** The listener line of design.md's "Command line". */
  static final Pattern TCP_LISTENING =
      Pattern.compile("pollux: tcp listening on 127\\.0\\.0\\.1:(\\d+)");

  private final List<String> command;
  private final Process process;
  private final Path stdout;
  private final Path stderr;

  private PolluxProcess(List<String> command, Process process, Path stdout, Path stderr) {
    this.command = command;
    this.process = process;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  /** This module's directory (Failsafe's {@code basedir}). */
  static Path moduleDir() {
    return Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
  }

  /** The shaded jar, made by {@code package} before Failsafe runs. */
  static Path jar() {
    Path jar = moduleDir().resolve("target/pollux.jar");
    assertThat(jar).as("the shaded jar (run 'mvn package' first)").isRegularFile();
    return jar;
  }

  /** The launcher at the repository's root. */
  static Path launcher() {
    Path launcher = moduleDir().getParent().resolve("bin/pollux");
    assertThat(launcher).as("bin/pollux at the repository root").isExecutable();
    return launcher;
  }

  /** Runs {@code java -jar pollux.jar args} with the JDK running this test. */
  static PolluxProcess startJar(Path dir, Map<String, String> env, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar"));
    command.add(jar().toString());
    command.addAll(List.of(args));
    return start(dir, env, command);
  }

  /** Runs {@code bin/pollux args} with {@code JAVA_HOME} set to the JDK running this test. */
  static PolluxProcess startLauncher(Path dir, String... args) {
    List<String> command = new ArrayList<>();
    command.add(launcher().toString());
    command.addAll(List.of(args));
    return start(dir, Map.of("JAVA_HOME", System.getProperty("java.home")), command);
  }

  private static PolluxProcess start(Path dir, Map<String, String> env, List<String> command) {
    Path stdout = dir.resolve("stdout.txt");
    Path stderr = dir.resolve("stderr.txt");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile());
    // The developer's own POLLUX_* settings must not change what a test runs.
    builder.environment().keySet().removeIf(name -> name.startsWith("POLLUX_"));
    builder.environment().putAll(env);
    try {
      return new PolluxProcess(command, builder.start(), stdout, stderr);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command, e);
    }
  }

  /** Waits for the process to end and returns its exit status. */
  int awaitExit() {
    try {
      if (!process.waitFor(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError(
            command + " still running after " + DEADLINE + "; " + describeOutput());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted waiting for " + command, e);
    }
    return process.exitValue();
  }

  /** Waits for the listener line on stdout and returns the TCP port it names. */
  int awaitTcpPort() {
    Matcher[] found = new Matcher[1];
    await("the line 'pollux: tcp listening on 127.0.0.1:<port>' from " + command)
        .atMost(DEADLINE)
        .failFast("the process ended: " + this, () -> !process.isAlive())
        .until(
            () -> {
              found[0] = TCP_LISTENING.matcher(stdout());
              return found[0].find();
            });
    return Integer.parseInt(found[0].group(1));
  }

  /** Sends SIGTERM (what {@link Process#destroy()} does on Linux). */
  void terminate() {
    assertThat(process.supportsNormalTermination()).as("SIGTERM on this platform").isTrue();
    process.destroy();
  }

  /** What it printed on stdout so far. */
  String stdout() {
    return read(stdout);
  }

  /** What it printed on stderr so far. */
  String stderr() {
    return read(stderr);
  }

  String describeOutput() {
    return "stdout: [" + stdout() + "], stderr: [" + stderr() + "]";
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
      awaitExit();
    }
  }

  @Override
  public String toString() {
    return command
        + " ("
        + (process.isAlive() ? "running" : "exit " + process.exitValue())
        + ") "
        + describeOutput();
  }
}
