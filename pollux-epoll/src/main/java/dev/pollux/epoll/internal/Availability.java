package dev.pollux.epoll.internal;

import java.util.Locale;

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
    try {
      // Links the one downcall handle (a libc without syscall() fails here) and makes real calls.
      int epfd = EpollCalls.create();
      if (epfd < 0) {
        return "epoll_create1 failed: " + Errno.name(-epfd);
      }
      IoCalls.close(epfd);
      return IoCalls.close(-1) == -Errno.EBADF ? "" : "close of fd -1 did not fail with EBADF";
    } catch (RuntimeException | LinkageError e) {
      return "cannot link the epoll bindings: " + e;
    }
  }
}
