package dev.pollux.epoll.internal;

import java.util.Locale;

/**
 * The Linux system calls the bindings make, with their numbers on x86-64 ({@code asm/unistd_64.h})
 * and on aarch64, which uses the generic table ({@code asm-generic/unistd.h}). {@code SyscallTest}
 * checks both against the kernel's headers.
 */
enum Syscall {
  READ(0, 63),
  WRITE(1, 64),
  CLOSE(3, 57),
  WRITEV(20, 66),
  SOCKET(41, 198),
  SHUTDOWN(48, 210),
  BIND(49, 200),
  LISTEN(50, 201),
  GETSOCKNAME(51, 204),
  SETSOCKOPT(54, 208),
  EPOLL_CTL(233, 21),
  /** aarch64 has no {@code epoll_wait}; with a null signal mask this is the same call. */
  EPOLL_PWAIT(281, 22),
  ACCEPT4(288, 242),
  /** {@code eventfd} with flags; libc's {@code eventfd()} makes this call. */
  EVENTFD2(290, 19),
  EPOLL_CREATE1(291, 20);

  /** The number on x86-64. */
  final int x86;

  /** The number on aarch64. */
  final int aarch64;

  /** The number on this machine's architecture. */
  final long number;

  /** The call's name, as in {@code man 2}, for messages. */
  final String name;

  Syscall(int x86, int aarch64) {
    this.x86 = x86;
    this.aarch64 = aarch64;
    this.number = Arch.AARCH64 ? aarch64 : x86;
    this.name = name().toLowerCase(Locale.ROOT);
  }

  /** Which table applies; {@link Availability} refuses other architectures before any call. */
  private static final class Arch {
    static final boolean AARCH64 = "aarch64".equals(System.getProperty("os.arch"));
  }
}
