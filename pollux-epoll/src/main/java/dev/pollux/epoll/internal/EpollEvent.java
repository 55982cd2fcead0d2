package dev.pollux.epoll.internal;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;

/**
 * The layout of {@code struct epoll_event}, chosen per architecture:
 *
 * <pre>
 * struct epoll_event {
 *   uint32_t     events;
 *   epoll_data_t data;    // a union of void *, int, uint32_t, uint64_t
 * } __EPOLL_PACKED;       // packed on x86-64 only
 * </pre>
 *
 * On x86-64 the struct is packed (12 bytes, {@code data} at offset 4) so that 32-bit and 64-bit
 * code share it; elsewhere (aarch64) it is naturally aligned (16 bytes, {@code data} at 8). The
 * JDK's {@code sun.nio.ch.EPoll} makes the same choice.
 */
public final class EpollEvent {

  /** The layout on this machine. */
  public static final StructLayout LAYOUT = layoutFor(System.getProperty("os.arch"));

  /** Offset of {@code events} in {@link #LAYOUT}. */
  static final long EVENTS_OFFSET = offset(LAYOUT, "events");

  /** Offset of {@code data} in {@link #LAYOUT}. */
  static final long DATA_OFFSET = offset(LAYOUT, "data");

  private EpollEvent() {}

  /** The layout on {@code arch} as {@code os.arch} names it ({@code amd64}, {@code aarch64}). */
  public static StructLayout layoutFor(String arch) {
    if (isX86(arch)) {
      return MemoryLayout.structLayout(
          ValueLayout.JAVA_INT.withName("events"),
          ValueLayout.JAVA_LONG.withByteAlignment(4).withName("data"));
    }
    return MemoryLayout.structLayout(
        ValueLayout.JAVA_INT.withName("events"),
        MemoryLayout.paddingLayout(4),
        ValueLayout.JAVA_LONG.withName("data"));
  }

  static boolean isX86(String arch) {
    return arch.equals("amd64") || arch.equals("x86_64");
  }

  /** The byte offset of field {@code name} of {@code layout}. */
  public static long offset(StructLayout layout, String name) {
    return layout.byteOffset(MemoryLayout.PathElement.groupElement(name));
  }
}
