package dev.pollux.gpio.internal;

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
 * The FFM plumbing of the GPIO bindings: the native linker, libc's symbols, {@code errno} captured
 * after every call, and {@code strerror} for messages.
 *
 * <p>Every binding returns what the C function returns when it succeeds and {@code -errno} when it
 * fails (the convention of raw Linux system calls), so that no {@code errno} read can be clobbered
 * by the JVM's own calls in between.
 */
@SuppressWarnings("restricted")
final class Native {

  /** {@code int} and {@code unsigned int} on Linux x86-64 and aarch64. */
  static final ValueLayout.OfInt C_INT = ValueLayout.JAVA_INT;

  /** {@code long}, {@code unsigned long}, {@code size_t} and {@code ssize_t} on LP64 Linux. */
  static final ValueLayout.OfLong C_LONG = ValueLayout.JAVA_LONG;

  /** A pointer. */
  static final MemoryLayout C_POINTER = ValueLayout.ADDRESS;

  private static final Linker LINKER = Linker.nativeLinker();
  private static final SymbolLookup LIBC = LINKER.defaultLookup();

  /** The layout of the call state that {@link Linker.Option#captureCallState} fills. */
  static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();

  private static final VarHandle ERRNO =
      CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
  private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");

  /** {@code char *strerror(int errnum);} — glibc returns a static string for known numbers. */
  private static final MethodHandle STRERROR =
      LINKER.downcallHandle(symbol("strerror"), FunctionDescriptor.of(C_POINTER, C_INT));

  private Native() {}

  /**
   * A handle on libc's {@code name} that captures {@code errno}: its first parameter is the segment
   * (of {@link #CALL_STATE}) that receives it. {@code options} may add e.g. {@link
   * Linker.Option#firstVariadicArg} for {@code ioctl} and {@code open}.
   */
  static MethodHandle downcall(
      String name, FunctionDescriptor descriptor, Linker.Option... variadic) {
    Linker.Option[] options = new Linker.Option[variadic.length + 1];
    options[0] = CAPTURE_ERRNO;
    System.arraycopy(variadic, 0, options, 1, variadic.length);
    return LINKER.downcallHandle(symbol(name), descriptor, options);
  }

  /** The option that marks where the variadic arguments of a C function start. */
  static Linker.Option firstVariadicArg(int index) {
    return Linker.Option.firstVariadicArg(index);
  }

  private static MemorySegment symbol(String name) {
    return LIBC.find(name).orElseThrow(() -> new UnsatisfiedLinkError("libc has no " + name));
  }

  /** {@code result}, or {@code -errno} when the call failed (returned -1). */
  static int result(int result, MemorySegment state) {
    return result >= 0 ? result : -errno(state);
  }

  /** {@code result}, or {@code -errno} when the call failed (returned -1). */
  static long result(long result, MemorySegment state) {
    return result >= 0 ? result : -errno(state);
  }

  private static int errno(MemorySegment state) {
    return (int) ERRNO.get(state, 0L);
  }

  /** What {@code strerror(errno)} says, e.g. "Device or resource busy". */
  static String strerror(int errno) {
    try {
      MemorySegment text = (MemorySegment) STRERROR.invokeExact(errno);
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
}
