package dev.pollux.server.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pollux.server.TestServer;
import dev.pollux.testing.sysfs.FakeSysfs;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code bin/pollux} as a user starts it, with the launcher's own JVM flags ({@code -Xmx64m
 * -XX:+UseSerialGC ...}: {@code JAVA_OPTS} is removed from its environment), serving a fake sysfs
 * tree on 127.0.0.1 with ports 0, observed from outside as an operator would: its descriptors in
 * {@code /proc/PID/fd}, its live heap after a full GC ({@code jcmd PID GC.run}, then {@code
 * GC.heap_info}), its log on stderr. {@link #close()} kills it.
 *
 * <pre>{@code
 * try (HostileServer server = HostileServer.start(dir)) {
 *   server.assertServing();
 * }
 * }</pre>
 *
 * <p>An attack on it, from baseline to recovery, is an {@link Attack}.
 */
public final class HostileServer implements AutoCloseable {

  /** Start-up of a JVM (and a jcmd) on a loaded two-core machine. */
  public static final Duration DEADLINE = Duration.ofSeconds(60);

  /** The token the server accepts; 24 characters, so no start-up warning about a short one. */
  public static final String TOKEN = "hostile-peers-test-token";

  /** Descriptors the server may hold above its baseline after an attack (log rotation, jcmd). */
  static final int FD_SLACK = 4;

  /** Live heap the server may hold above its baseline after an attack (JIT, caches). */
  static final long HEAP_SLACK_BYTES = 3L << 20;

  private static final Pattern LISTENING =
      Pattern.compile("pollux: (\\w+) listening on 127\\.0\\.0\\.1:(\\d+)");

  /**
   * {@code jcmd GC.heap_info} with the serial collector: one line per generation, {@code DefNew
   * total 19648K, used 7368K [...]} and {@code Tenured total 43712K, used 2375K [...]} on JDK 25.
   */
  private static final Pattern GENERATION_USED = Pattern.compile("total \\d+K, used (\\d+)K");

  private final Process process;
  private final Path stdout;
  private final Path stderr;
  private final Map<String, Integer> ports;

  /** What the server held before an attack. */
  public record Baseline(int descriptors, long heapBytes) {}

  private HostileServer(Process process, Path stdout, Path stderr, Map<String, Integer> ports) {
    this.process = process;
    this.stdout = stdout;
    this.stderr = stderr;
    this.ports = ports;
  }

  /**
   * Starts {@code bin/pollux} on the standard fake tree in {@code dir} with HTTP and TCP on ports
   * 0, {@link #TOKEN}, one-second sampling and {@code options} (which replace those defaults), and
   * waits for the listener lines of {@code http}, {@code tcp} and, when {@code --https-port} is
   * among the options, {@code https}.
   */
  public static HostileServer start(Path dir, String... options) {
    FakeSysfs tree = TestServer.standardTree(dir.resolve("tree"));
    List<String> defaults =
        List.of(
            "--bind",
            "127.0.0.1",
            "--http-port",
            "0",
            "--tcp-port",
            "0",
            "--sysfs",
            tree.sysfsRoot().toString(),
            "--procfs",
            tree.procfsRoot().toString(),
            "--interval",
            "1s",
            "--device-id",
            TestServer.DEVICE_ID,
            "--token",
            TOKEN);
    List<String> command = new ArrayList<>();
    command.add(launcher().toString());
    for (int i = 0; i < defaults.size(); i += 2) {
      if (!Arrays.asList(options).contains(defaults.get(i))) { // an option may be given once only
        command.addAll(defaults.subList(i, i + 2));
      }
    }
    command.addAll(Arrays.asList(options));
    List<String> protocols = new ArrayList<>(List.of("http", "tcp"));
    if (command.contains("--https-port")) {
      protocols.add("https");
    }
    Process process = launch(dir, command);
    HostileServer server =
        new HostileServer(
            process, dir.resolve("stdout.txt"), dir.resolve("stderr.txt"), new HashMap<>());
    server.awaitListeners(protocols);
    return server;
  }

  /** The launcher at the repository root. */
  static Path launcher() {
    Path module =
        Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
    Path launcher = module.getParent().resolve("bin/pollux");
    assertThat(launcher).as("bin/pollux at the repository root").isExecutable();
    return launcher;
  }

  /** Runs {@code command} with stdout and stderr in files of {@code dir}; for exit-status tests. */
  static Process launch(Path dir, List<String> command) {
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .redirectOutput(dir.resolve("stdout.txt").toFile())
            .redirectError(dir.resolve("stderr.txt").toFile());
    // The launcher's own flags, not the developer's; the developer's POLLUX_* settings neither.
    builder.environment().keySet().removeIf(n -> n.startsWith("POLLUX_") || n.equals("JAVA_OPTS"));
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    try {
      return builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command, e);
    }
  }

  /** Kills a process started by {@link #launch} and whatever it started (a Maven build). */
  static void kill(Process process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }

  private void awaitListeners(List<String> protocols) {
    await("the listener lines " + protocols + " of bin/pollux")
        .atMost(DEADLINE)
        .until(
            () -> {
              if (!process.isAlive()) {
                throw new AssertionError("bin/pollux ended before listening: " + this);
              }
              if (log().contains("pollux: building")) {
                // Minutes on a loaded machine, and a second Maven in the same target directory.
                throw new AssertionError(
                    "bin/pollux is rebuilding the jar: a source is newer than target/pollux.jar"
                        + " (edited after 'package'?); "
                        + this);
              }
              Matcher m = LISTENING.matcher(read(stdout));
              while (m.find()) {
                ports.put(m.group(1), Integer.parseInt(m.group(2)));
              }
              return ports.keySet().containsAll(protocols);
            });
  }

  public int httpPort() {
    return ports.get("http");
  }

  public int tcpPort() {
    return ports.get("tcp");
  }

  public int httpsPort() {
    return ports.get("https");
  }

  /** The JVM's process id (the launcher {@code exec}s it). */
  public long pid() {
    return process.pid();
  }

  /** What the server logged so far (its stderr). */
  public String log() {
    return read(stderr);
  }

  /** The entries of {@code /proc/PID/fd}. */
  public int openDescriptors() {
    try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid()), "fd"))) {
      return (int) fds.count();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the descriptors of " + this, e);
    }
  }

  /** The live heap: the used bytes of every generation right after a full GC. */
  public long heapAfterFullGcBytes() {
    jcmd("GC.run");
    Matcher m = GENERATION_USED.matcher(jcmd("GC.heap_info"));
    long usedKib = 0;
    int generations = 0;
    while (m.find()) {
      usedKib += Long.parseLong(m.group(1));
      generations++;
    }
    assertThat(generations).as("generations in jcmd GC.heap_info of %s", this).isPositive();
    return usedKib * 1024;
  }

  private String jcmd(String what) {
    assertServing();
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    try {
      Process p =
          new ProcessBuilder(jcmd.toString(), Long.toString(pid()), what)
              .redirectErrorStream(true)
              .start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        assertServing(); // a server that died meanwhile is the failure, not jcmd
        throw new AssertionError("jcmd " + pid() + " " + what + " failed: " + out + "; " + this);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + jcmd, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted running jcmd", e);
    }
  }

  /** Descriptors and live heap now, before an attack. */
  public Baseline baseline() {
    // The heap first: the first jcmd makes the JVM open its attach socket, a descriptor for good.
    long heap = heapAfterFullGcBytes();
    return new Baseline(openDescriptors(), heap);
  }

  /**
   * The process is alive and never ran out of memory: no {@code OutOfMemoryError} in its log (a JVM
   * with {@code -XX:+ExitOnOutOfMemoryError} ends instead, which fails the first check).
   */
  public void assertServing() {
    // ExitOnOutOfMemoryError writes "Terminating due to java.lang.OutOfMemoryError" on stdout.
    assertThat(log() + read(stdout))
        .as("the output of bin/pollux: it must never run out of heap; %s", this)
        .doesNotContain("OutOfMemoryError");
    assertThat(process.isAlive()).as("bin/pollux still running: %s", this).isTrue();
  }

  /**
   * After an attack: still serving, descriptors back at the baseline (with {@link #FD_SLACK}) and
   * the live heap back near it (with {@link #HEAP_SLACK_BYTES}).
   */
  public void assertRecovered(Baseline before) {
    assertServing();
    await("descriptors of bin/pollux back at " + before.descriptors())
        .atMost(DEADLINE)
        .untilAsserted(
            () ->
                assertThat(openDescriptors())
                    .as("open descriptors of bin/pollux after the attack")
                    .isLessThanOrEqualTo(before.descriptors() + FD_SLACK));
    await("live heap of bin/pollux back near " + before.heapBytes())
        .atMost(DEADLINE)
        .untilAsserted(
            () ->
                assertThat(heapAfterFullGcBytes())
                    .as(
                        "live heap after a full GC, after the attack (before: %d)",
                        before.heapBytes())
                    .isLessThanOrEqualTo(before.heapBytes() + HEAP_SLACK_BYTES));
    assertServing();
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
    // The launcher's own children first (a Maven it started), then the launcher or its JVM.
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    if (process.isAlive()) {
      process.destroyForcibly();
      try {
        process.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for bin/pollux to end", e);
      }
    }
  }

  @Override
  public String toString() {
    String log = read(stderr);
    return "bin/pollux pid "
        + pid()
        + (process.isAlive() ? " (running)" : " (exit " + process.exitValue() + ")")
        + ", log tail: ["
        + log.substring(Math.max(0, log.length() - 2000))
        + "]";
  }
}
