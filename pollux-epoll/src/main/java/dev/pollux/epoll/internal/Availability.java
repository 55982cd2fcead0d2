package dev.pollux.epoll.internal;

import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Whether the epoll transport can run in this JVM, and if not, why. The check never throws: the
 * caller falls back to another transport with the reason in its log.
 */
public final class Availability {

  private static final String REASON = probe();

  private Availability() {}

  /** Why the transport cannot run here, or {@code ""} when it can. Computed once. */
  public static String reason() {
    return REASON;
  }

  /**
   * Why a JVM on {@code osName}/{@code osArch} with native access {@code nativeAccess} cannot run
   * the transport, before trying any native call; {@code ""} when nothing stands in the way.
   */
  public static String staticReason(String osName, String osArch, boolean nativeAccess) {
    if (!osName.toLowerCase(Locale.ROOT).startsWith("linux")) {
      return "epoll is Linux only; this is " + osName;
    }
    if (!EpollEvent.isX86(osArch) && !osArch.equals("aarch64")) {
      return "the epoll bindings know x86-64 and aarch64 only; this is " + osArch;
    }
    if (!nativeAccess) {
      return "native access is not enabled: run java with --enable-native-access=ALL-UNNAMED";
    }
    return "";
  }

  private static String probe() {
    String reason =
        staticReason(
            System.getProperty("os.name", "?"),
            System.getProperty("os.arch", "?"),
            Availability.class.getModule().isNativeAccessEnabled());
    if (!reason.isEmpty()) {
      return reason;
    }
    // Linking a binding spins a few method-handle classes the JVM's AOT cache does not hold (about
    // 10 ms each on a fast core), and a server's start waits for all of them: the socket calls
    // link on a second thread meanwhile, which a board's other cores run in parallel.
    // A method of another class, not a lambda: a lambda's body is a method of this class, which
    // the second thread could not run before this class's initialisation (this method) ends.
    FutureTask<Boolean> sockets = new FutureTask<>(SocketCalls::linked);
    Thread.ofPlatform().daemon(true).name("pollux-epoll-link").start(sockets);
    try {
      // Links every binding (a missing symbol fails here) and makes one real call.
      int epfd = EpollCalls.create();
      if (epfd < 0) {
        return "epoll_create1 failed: " + Errno.name(-epfd);
      }
      IoCalls.close(epfd);
      boolean io = IoCalls.close(-1) == -Errno.EBADF;
      return io && socketsLinked(sockets)
          ? ""
          : "libc's close or shutdown of fd -1 did not fail with EBADF";
    } catch (RuntimeException | LinkageError e) {
      return "cannot link the epoll bindings: " + e;
    }
  }

  /** Waits for the socket calls' linking; rethrows what it threw. */
  private static boolean socketsLinked(FutureTask<Boolean> sockets) {
    try {
      return sockets.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while linking the socket calls", e);
    } catch (ExecutionException e) {
      switch (e.getCause()) {
        case RuntimeException r -> throw r;
        case Error error -> throw error;
        default -> throw new IllegalStateException(e.getCause());
      }
    }
  }
}
