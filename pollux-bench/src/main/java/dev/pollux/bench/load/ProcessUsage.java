package dev.pollux.bench.load;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Locale;

/**
 * What this process has used so far, from {@code getrusage(RUSAGE_SELF)}: CPU time and context
 * switches summed over all its threads, those that have ended included — which {@code /proc} cannot
 * give (its context-switch counts are per live thread, and a blocking server's connection threads
 * end with their connections). Printed as one line, e.g. {@code user_us=1200 system_us=800
 * voluntary=35 involuntary=4 maxrss_kib=90112}.
 *
 * @param userMicros CPU time in user mode, µs
 * @param systemMicros CPU time in the kernel, µs
 * @param voluntarySwitches context switches because a thread waited (blocked, parked, slept)
 * @param involuntarySwitches context switches because the scheduler preempted a thread
 * @param maxRssKib peak resident set size, KiB
 */
public record ProcessUsage(
    long userMicros,
    long systemMicros,
    long voluntarySwitches,
    long involuntarySwitches,
    long maxRssKib) {

  /** {@code RUSAGE_SELF} of {@code <sys/resource.h>}. */
  private static final int RUSAGE_SELF = 0;

  /**
   * {@code struct rusage} on LP64 Linux (x86-64, aarch64): two {@code struct timeval { long tv_sec;
   * long tv_usec; }} ({@code ru_utime}, {@code ru_stime}), then fourteen {@code long}s from {@code
   * ru_maxrss} to {@code ru_nivcsw}; 144 bytes.
   */
  private static final long RUSAGE_BYTES = 144;

  private static final long UTIME = 0;
  private static final long STIME = 16;
  private static final long MAXRSS = 32;
  private static final long NVCSW = 32 + 12 * 8;
  private static final long NIVCSW = 32 + 13 * 8;

  /** {@code int getrusage(int who, struct rusage *usage);} */
  private static final MethodHandle GETRUSAGE = getrusage();

  /** This process's usage now. */
  public static ProcessUsage now() {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment usage = arena.allocate(RUSAGE_BYTES, 8);
      int result = (int) GETRUSAGE.invokeExact(RUSAGE_SELF, usage);
      if (result != 0) {
        throw new IllegalStateException("getrusage(RUSAGE_SELF) returned " + result);
      }
      return new ProcessUsage(
          micros(usage, UTIME),
          micros(usage, STIME),
          usage.get(ValueLayout.JAVA_LONG, NVCSW),
          usage.get(ValueLayout.JAVA_LONG, NIVCSW),
          usage.get(ValueLayout.JAVA_LONG, MAXRSS));
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException("getrusage failed", e);
    }
  }

  /** The line of the type's description. */
  public String line() {
    return String.format(
        Locale.ROOT,
        "user_us=%d system_us=%d voluntary=%d involuntary=%d maxrss_kib=%d",
        userMicros,
        systemMicros,
        voluntarySwitches,
        involuntarySwitches,
        maxRssKib);
  }

  private static long micros(MemorySegment usage, long timeval) {
    return usage.get(ValueLayout.JAVA_LONG, timeval) * 1_000_000L
        + usage.get(ValueLayout.JAVA_LONG, timeval + 8);
  }

  @SuppressWarnings("restricted")
  private static MethodHandle getrusage() {
    Linker linker = Linker.nativeLinker();
    MemorySegment symbol =
        linker
            .defaultLookup()
            .find("getrusage")
            .orElseThrow(() -> new UnsatisfiedLinkError("libc has no getrusage"));
    return linker.downcallHandle(
        symbol,
        FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
  }
}
