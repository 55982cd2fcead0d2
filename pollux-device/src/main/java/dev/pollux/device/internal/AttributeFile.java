package dev.pollux.device.internal;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;

/**
 * One sysfs or procfs file read with a bounded read into a buffer it owns, e.g. {@code
 * class/hwmon/hwmon0/temp1_input} holding {@code "45000\n"}.
 *
 * <p>Design: sysfs attributes produce their whole value in the first {@code read(2)} (the kernel
 * formats at most a page), so a sysfs attribute gets exactly one read, as node_exporter's {@code
 * sysReadFile} does: some hwmon drivers answer EAGAIN to a second read and a read loop would spin.
 * procfs files such as {@code /proc/stat} can be longer than one read returns, so they read until
 * EOF or the buffer is full. The file is opened for every sample, so that a sensor whose file
 * vanished is seen at once. Not thread-safe: one reader at a time (the sampler never issues a
 * second read of a sensor while one is in flight).
 */
public final class AttributeFile {
  /** Enough for any sysfs attribute value that is one number. */
  public static final int SYSFS_VALUE_BYTES = 128;

  private final Path path;

  /** Kept so that each open does not convert the path again. */
  private final File file;

  private final byte[] bytes;
  private final boolean readToEnd;

  private AttributeFile(Path path, int capacityBytes, boolean readToEnd) {
    this.path = path;
    this.file = path.toFile();
    this.bytes = new byte[capacityBytes];
    this.readToEnd = readToEnd;
  }

  /** A sysfs attribute: one read of at most {@link #SYSFS_VALUE_BYTES}. */
  public static AttributeFile sysfs(Path path) {
    return new AttributeFile(path, SYSFS_VALUE_BYTES, false);
  }

  /**
   * A sysfs attribute that can be longer than a page, read to its end, at most {@code
   * capacityBytes}: an LED's {@code trigger} list is a binary attribute since Linux 5.10 because
   * the list of triggers outgrew a page.
   */
  public static AttributeFile sysfsList(Path path, int capacityBytes) {
    return new AttributeFile(path, capacityBytes, true);
  }

  /** A procfs file read to its end, at most {@code capacityBytes}. */
  public static AttributeFile procfs(Path path, int capacityBytes) {
    return new AttributeFile(path, capacityBytes, true);
  }

  public Path path() {
    return path;
  }

  /**
   * Reads the file; afterwards {@link #bytes()} holds its bytes from 0 to the returned length.
   *
   * <p>{@link RandomAccessFile} rather than {@code FileChannel}: it allocates about 190 bytes per
   * open instead of 320, which is most of what a sampling pass allocates, and it reads through a
   * native stack buffer into {@code bytes} without a temporary direct buffer.
   *
   * @throws ReadFailure with the cause, naming what went wrong
   */
  public int read() throws ReadFailure {
    int length = 0;
    try (RandomAccessFile in = new RandomAccessFile(file, "r")) {
      int n = in.read(bytes, 0, bytes.length);
      length = Math.max(n, 0);
      while (readToEnd && n > 0 && length < bytes.length) {
        n = in.read(bytes, length, bytes.length - length);
        length += Math.max(n, 0);
      }
    } catch (IOException e) {
      // FileNotFoundException covers ENOENT, EACCES and EISDIR alike; only its text tells them
      // apart.
      throw new ReadFailure(classify(e.getMessage()), e);
    }
    return length;
  }

  /** The bytes of the last read, from index 0; valid until the next read. */
  public byte[] bytes() {
    return bytes;
  }

  /**
   * Maps the strerror(3) text the JDK puts into its IOException to an error: the JDK gives no errno
   * for reads, only the message.
   */
  static ReadError classify(String message) {
    if (message == null) {
      return ReadError.IO;
    }
    if (message.contains("Resource temporarily unavailable")
        || message.contains("No data available")) {
      return ReadError.UNAVAILABLE;
    }
    if (message.contains("No such device") || message.contains("No such file")) {
      return ReadError.MISSING;
    }
    if (message.contains("Permission denied") || message.contains("Operation not permitted")) {
      return ReadError.PERMISSION;
    }
    return ReadError.IO;
  }
}
