package dev.pollux.testing.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * A leak check for integration tests: take a {@link #snapshot(String)} before the test and call
 * {@link #assertReleased()} after it, which waits until the process's open file descriptors are
 * back at their count in the snapshot and no thread whose name starts with the given prefix is
 * alive.
 *
 * <pre>{@code
 * @BeforeEach void before() { leaks = Leaks.snapshot("pollux-"); }
 * @AfterEach void after() { leaks.assertReleased(); }
 * }</pre>
 */
public final class Leaks {

  /** How long the release may take: descriptors are closed asynchronously by selectors. */
  public static final Duration DEADLINE = Duration.ofSeconds(20);

  private static final Path FDS = Path.of("/proc/self/fd");

  private final int baselineFds;
  private final String threadPrefix;

  private Leaks(int baselineFds, String threadPrefix) {
    this.baselineFds = baselineFds;
    this.threadPrefix = threadPrefix;
  }

  /** Records the open descriptors now; threads named {@code threadPrefix...} must not outlive. */
  public static Leaks snapshot(String threadPrefix) {
    // Load the classes used by assertReleased first, so that opening their jars is not counted.
    await().atMost(DEADLINE).until(() -> true);
    assertThat(threads(threadPrefix)).isNotNull();
    warmUpNio();
    return new Leaks(openFileDescriptors(), threadPrefix);
  }

  /**
   * The JDK keeps a descriptor for the life of the process once NIO sockets are first used (the
   * socket pair that {@code sun.nio.ch.UnixDispatcher} dup2s over a descriptor being closed): open
   * and close one of each kind so that it exists before the baseline is counted.
   */
  private static void warmUpNio() {
    try {
      Selector.open().close();
      ServerSocketChannel.open().close();
      SocketChannel.open().close();
      // The pollers of virtual threads blocked on sockets are started on first use, for good.
      try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        Thread reader =
            Thread.ofVirtual()
                .start(
                    () -> {
                      try (Socket accepted = server.accept()) {
                        accepted.getInputStream().read();
                      } catch (IOException e) {
                        throw new UncheckedIOException(e);
                      }
                    });
        try (Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
          // Parked on the read: the poller is running.
          await().atMost(DEADLINE).until(() -> reader.getState() == Thread.State.WAITING);
          client.getOutputStream().write(1);
        }
        reader.join();
      }
      // Temporary files (JUnit's @TempDir) open /dev/random and /dev/urandom on first use.
      Files.delete(Files.createTempFile("pollux-leaks", ".tmp"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot warm up NIO", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while warming up NIO", e);
    }
  }

  /** The number of entries in {@code /proc/self/fd}. */
  public static int openFileDescriptors() {
    try (Stream<Path> fds = Files.list(FDS)) {
      // The stream's own descriptors are counted too, the same number every time.
      return (int) fds.count();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + FDS, e);
    }
  }

  /** The live threads named {@code prefix...}. */
  public static List<String> threads(String prefix) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(name -> name.startsWith(prefix))
        .sorted()
        .toList();
  }

  /** Waits until the descriptors are back at the baseline and no prefixed thread is alive. */
  public void assertReleased() {
    await("threads named " + threadPrefix + "* to end")
        .atMost(DEADLINE)
        .untilAsserted(
            () ->
                assertThat(threads(threadPrefix))
                    .as("live threads named %s*", threadPrefix)
                    .isEmpty());
    await("open file descriptors back at " + baselineFds)
        .atMost(DEADLINE)
        .untilAsserted(
            () ->
                assertThat(openFileDescriptors())
                    .as("open file descriptors (baseline %d); now: %s", baselineFds, describeFds())
                    .isLessThanOrEqualTo(baselineFds));
  }

  /** The targets of the open descriptors, for a failure message. */
  public static String describeFds() {
    try (Stream<Path> fds = Files.list(FDS)) {
      return fds.map(Leaks::target).toList().toString();
    } catch (IOException e) {
      return "cannot list " + FDS + ": " + e;
    }
  }

  private static String target(Path fd) {
    try {
      return fd.getFileName() + "->" + Files.readSymbolicLink(fd);
    } catch (IOException e) {
      return fd.getFileName() + "->?";
    }
  }
}
