package dev.pollux.epoll.internal;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;

/**
 * Test bindings that use up the process's descriptors for real: the soft {@code RLIMIT_NOFILE} is
 * lowered to a little above what is open, the rest is filled with {@code dup}s until EMFILE, and
 * {@link #close()} gives everything back.
 *
 * <pre>
 * int getrlimit(int resource, struct rlimit *rlim);   struct rlimit { rlim_t cur, max; };
 * int setrlimit(int resource, const struct rlimit *rlim);
 * int dup(int oldfd);
 * </pre>
 */
@SuppressWarnings("restricted")
final class DescriptorFiller implements AutoCloseable {

  private static final int RLIMIT_NOFILE = 7;
  private static final Linker LINKER = Linker.nativeLinker();
  private static final MethodHandle GETRLIMIT = handle("getrlimit");
  private static final MethodHandle SETRLIMIT = handle("setrlimit");
  private static final MethodHandle DUP =
      LINKER.downcallHandle(
          LINKER.defaultLookup().find("dup").orElseThrow(),
          FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));

  private final Arena arena = Arena.ofConfined();
  private final MemorySegment saved = arena.allocate(16, 8);
  private final List<Integer> dups = new ArrayList<>();

  private static MethodHandle handle(String name) {
    return LINKER.downcallHandle(
        LINKER.defaultLookup().find(name).orElseThrow(),
        FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
  }

  /** Lowers the limit to {@code open + 64} and dups {@code fd} until no descriptor is left. */
  DescriptorFiller(int fd, int open) throws Throwable {
    check("getrlimit", (int) GETRLIMIT.invokeExact(RLIMIT_NOFILE, saved));
    MemorySegment lowered = arena.allocate(16, 8);
    lowered.copyFrom(saved);
    lowered.set(
        ValueLayout.JAVA_LONG, 0, Math.min(saved.get(ValueLayout.JAVA_LONG, 0), open + 64L));
    check("setrlimit", (int) SETRLIMIT.invokeExact(RLIMIT_NOFILE, lowered));
    while (dups.size() < 100_000) {
      int dup = (int) DUP.invokeExact(fd);
      if (dup < 0) {
        return; // EMFILE: every descriptor below the limit is in use
      }
      dups.add(dup);
    }
    throw new IllegalStateException("dup never failed after " + dups.size() + " descriptors");
  }

  private static void check(String call, int result) {
    if (result != 0) {
      throw new IllegalStateException(call + " returned " + result);
    }
  }

  int filled() {
    return dups.size();
  }

  @Override
  public void close() {
    try {
      for (int dup : dups) {
        IoCalls.close(dup);
      }
      dups.clear();
      check("setrlimit", (int) SETRLIMIT.invokeExact(RLIMIT_NOFILE, saved));
    } catch (Throwable e) {
      throw new IllegalStateException("restoring RLIMIT_NOFILE failed", e);
    } finally {
      arena.close();
    }
  }
}
