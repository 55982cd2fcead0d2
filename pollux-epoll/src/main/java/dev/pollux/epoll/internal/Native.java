package dev.pollux.epoll.internal;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The FFM plumbing shared by the bindings: one downcall handle on libc's {@code syscall(2)}, which
 * every binding calls with its {@link Syscall} number, {@code errno} captured after every call, and
 * {@code strerror} for messages.
 *
 * <p>Why one handle for all: linking a downcall spins a few method-handle classes for its C
 * signature, and the JVM's ahead-of-time cache (JDK 25) holds none of them, so every start paid for
 * them again. Twelve signatures cost 60-90 ms of CPU per start on this project's test machine, most
 * of the epoll transport's share of a server's start; {@code syscall(long number, ...)} is one
 * signature. The system calls are those the libc functions of the same names make (glibc's {@code
 * epoll_wait} and {@code eventfd} are {@code epoll_pwait} and {@code eventfd2} underneath).
 *
 * <p>Every binding returns what the call returns when it succeeds and {@code -errno} when it fails
 * (the convention of raw Linux system calls), so that a caller switches on the error without
 * another look-up and no {@code errno} read can be clobbered by the JVM's own calls in between.
 */
@SuppressWarnings("restricted")
final class Native {

  /** {@code int}, {@code socklen_t} and {@code unsigned int} on Linux x86-64 and aarch64. */
  static final ValueLayout.OfInt C_INT = ValueLayout.JAVA_INT;

  /** {@code long}, {@code size_t}, {@code ssize_t} and {@code off_t} on LP64 Linux. */
  static final ValueLayout.OfLong C_LONG = ValueLayout.JAVA_LONG;

  /** A pointer. */
  static final MemoryLayout C_POINTER = ValueLayout.ADDRESS;

  private static final Linker LINKER = Linker.nativeLinker();
  private static final SymbolLookup LIBC = LINKER.defaultLookup();

  /** The layout of the call state that {@link Linker.Option#captureCallState} fills. */
  static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();

  private static final VarHandle ERRNO =
      CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));

  /**
   * {@code long syscall(long number, ...);} with six arguments after the number, the most any Linux
   * system call takes; the unused ones are 0. Variadic arguments are passed as {@code long}s on
   * both ABIs, so a pointer is passed as its address and an {@code int} widened.
   */
  private static final MethodHandle SYSCALL =
      LINKER.downcallHandle(
          symbol("syscall"),
          FunctionDescriptor.of(C_LONG, C_LONG, C_LONG, C_LONG, C_LONG, C_LONG, C_LONG, C_LONG),
          Linker.Option.firstVariadicArg(1),
          Linker.Option.captureCallState("errno"));

  private Native() {}

  /** {@code call(a)}: its result, or {@code -errno} when it failed. */
  static long syscall(MemorySegment state, Syscall call, long a) {
    return syscall(state, call, a, 0, 0, 0, 0, 0);
  }

  /** {@code call(a, b)}: its result, or {@code -errno} when it failed. */
  static long syscall(MemorySegment state, Syscall call, long a, long b) {
    return syscall(state, call, a, b, 0, 0, 0, 0);
  }

  /** {@code call(a, b, c)}: its result, or {@code -errno} when it failed. */
  static long syscall(MemorySegment state, Syscall call, long a, long b, long c) {
    return syscall(state, call, a, b, c, 0, 0, 0);
  }

  /** {@code call(a, b, c, d)}: its result, or {@code -errno} when it failed. */
  static long syscall(MemorySegment state, Syscall call, long a, long b, long c, long d) {
    return syscall(state, call, a, b, c, d, 0, 0);
  }

  /**
   * {@code call(a, b, c, d, e, f)} with {@code errno} captured into {@code state} (of {@link
   * #CALL_STATE}): its result, or {@code -errno} when it failed (returned -1).
   */
  static long syscall(
      MemorySegment state, Syscall call, long a, long b, long c, long d, long e, long f) {
    long result;
    try {
      result = (long) SYSCALL.invokeExact(state, call.number, a, b, c, d, e, f);
    } catch (Throwable t) {
      throw failed(call.name, t);
    }
    return result >= 0 ? result : -errno(state);
  }

  /**
   * The address of {@code segment} for a pointer argument. Only native memory has one: a heap
   * segment's "address" is an offset into its array, which the kernel would take for a pointer. The
   * caller keeps {@code segment} reachable until the call has returned.
   */
  static long address(MemorySegment segment) {
    if (!segment.isNative()) {
      throw new IllegalArgumentException("not native memory: " + segment);
    }
    return segment.address();
  }

  private static MemorySegment symbol(String name) {
    return LIBC.find(name).orElseThrow(() -> new UnsatisfiedLinkError("libc has no " + name));
  }

  private static int errno(MemorySegment state) {
    return (int) ERRNO.get(state, 0L);
  }

  /** What {@code strerror(errno)} says, e.g. "Connection reset by peer". */
  static String strerror(int errno) {
    try {
      MemorySegment text = (MemorySegment) Strerror.HANDLE.invokeExact(errno);
      return text.equals(MemorySegment.NULL) ? "" : text.reinterpret(256).getString(0);
    } catch (Throwable e) {
      throw failed("strerror", e);
    }
  }

  /** A downcall itself failed (not the C function): a bug in a binding. */
  static RuntimeException failed(String call, Throwable e) {
    if (e instanceof Error error) {
      throw error;
    }
    if (e instanceof RuntimeException runtime) {
      return runtime;
    }
    return new IllegalStateException("calling " + call + " failed", e);
  }

  /** Linked on the first message that needs it: a start makes none. */
  private static final class Strerror {
    /** {@code char *strerror(int errnum);} — glibc returns a static string for known numbers. */
    static final MethodHandle HANDLE =
        LINKER.downcallHandle(symbol("strerror"), FunctionDescriptor.of(C_POINTER, C_INT));
  }
}
