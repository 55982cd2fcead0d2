package dev.pollux.server.metrics;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;

/**
 * The two libc calls node_exporter's figures need that no file gives: {@code statfs(2)} (a file
 * system's blocks and inodes) and {@code uname(2)}, bound with the FFM API for 64-bit Linux (x86-64
 * and aarch64 share both layouts).
 *
 * <pre>{@code
 * struct statfs {                       struct utsname {
 *   __fsword_t f_type;    // 0            char sysname[65];    // 0
 *   __fsword_t f_bsize;   // 8            char nodename[65];   // 65
 *   fsblkcnt_t f_blocks;  // 16           char release[65];    // 130
 *   fsblkcnt_t f_bfree;   // 24           char version[65];    // 195
 *   fsblkcnt_t f_bavail;  // 32           char machine[65];    // 260
 *   fsfilcnt_t f_files;   // 40           char domainname[65]; // 325
 *   fsfilcnt_t f_ffree;   // 48         };                     // 390 bytes
 *   fsid_t f_fsid; __fsword_t f_namelen, f_frsize, f_flags, f_spare[4];
 * };                      // 120 bytes
 * }</pre>
 *
 * <p>{@code statfs} on a dead network mount can block for minutes: callers run it off every event
 * loop, with a deadline ({@link Filesystems}).
 */
@SuppressWarnings("restricted")
final class HostCalls {
  /** The statfs figures node_exporter shows (sizes in bytes, counts of inodes). */
  record FsStats(
      long blockBytes,
      long blocks,
      long blocksFree,
      long blocksAvail,
      long files,
      long filesFree) {}

  /** The six fields of {@code struct utsname}. */
  record Uname(
      String sysname,
      String nodename,
      String release,
      String version,
      String machine,
      String domainname) {}

  private static final long STATFS_BYTES = 120;
  private static final long UTSNAME_FIELD = 65;
  private static final Linker LINKER = Linker.nativeLinker();
  private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
  private static final VarHandle ERRNO =
      CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));

  /** {@code int statfs(const char *path, struct statfs *buf);} */
  private static final MethodHandle STATFS = downcall("statfs");

  /** {@code int uname(struct utsname *buf);} */
  private static final MethodHandle UNAME =
      LINKER.downcallHandle(
          LINKER.defaultLookup().find("uname").orElseThrow(),
          FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS),
          Linker.Option.captureCallState("errno"));

  private HostCalls() {}

  private static MethodHandle downcall(String name) {
    return LINKER.downcallHandle(
        LINKER.defaultLookup().find(name).orElseThrow(),
        FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS),
        Linker.Option.captureCallState("errno"));
  }

  /** {@code statfs(path)}; blocking. */
  static FsStats statfs(String path) throws IOException {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = arena.allocate(CALL_STATE);
      MemorySegment buf = arena.allocate(STATFS_BYTES, 8);
      int result;
      try {
        result = (int) STATFS.invokeExact(state, arena.allocateFrom(path), buf);
      } catch (Throwable e) {
        throw new IllegalStateException("statfs binding failed", e);
      }
      if (result != 0) {
        throw new IOException("statfs " + path + ": errno " + (int) ERRNO.get(state, 0L));
      }
      return new FsStats(
          buf.get(ValueLayout.JAVA_LONG, 8),
          buf.get(ValueLayout.JAVA_LONG, 16),
          buf.get(ValueLayout.JAVA_LONG, 24),
          buf.get(ValueLayout.JAVA_LONG, 32),
          buf.get(ValueLayout.JAVA_LONG, 40),
          buf.get(ValueLayout.JAVA_LONG, 48));
    }
  }

  /** {@code uname()}; does not block. */
  static Uname uname() throws IOException {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = arena.allocate(CALL_STATE);
      MemorySegment buf = arena.allocate(UTSNAME_FIELD * 6);
      int result;
      try {
        result = (int) UNAME.invokeExact(state, buf);
      } catch (Throwable e) {
        throw new IllegalStateException("uname binding failed", e);
      }
      if (result != 0) {
        throw new IOException("uname: errno " + (int) ERRNO.get(state, 0L));
      }
      return new Uname(
          field(buf, 0), field(buf, 1), field(buf, 2), field(buf, 3), field(buf, 4), field(buf, 5));
    }
  }

  private static String field(MemorySegment buf, int index) {
    MemorySegment field = buf.asSlice(index * UTSNAME_FIELD, UTSNAME_FIELD);
    long length = 0;
    while (length < UTSNAME_FIELD && field.get(ValueLayout.JAVA_BYTE, length) != 0) {
      length++;
    }
    return new String(
        field.asSlice(0, length).toArray(ValueLayout.JAVA_BYTE), StandardCharsets.UTF_8);
  }
}
