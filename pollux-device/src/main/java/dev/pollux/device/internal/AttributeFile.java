package dev.pollux.device.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
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
  private final ByteBuffer buffer;
  private final boolean readToEnd;

  private AttributeFile(Path path, int capacityBytes, boolean readToEnd) {
    this.path = path;
    this.buffer = ByteBuffer.allocate(capacityBytes);
    this.readToEnd = readToEnd;
  }

  /** A sysfs attribute: one read of at most {@link #SYSFS_VALUE_BYTES}. */
  public static AttributeFile sysfs(Path path) {
    return new AttributeFile(path, SYSFS_VALUE_BYTES, false);
  }

  /** A procfs file read to its end, at most {@code capacityBytes}. */
  public static AttributeFile procfs(Path path, int capacityBytes) {
    return new AttributeFile(path, capacityBytes, true);
  }

  public Path path() {
    return path;
  }

  /**
   * Reads the file; afterwards {@link #buffer()} holds its bytes from 0 to the returned length.
   *
   * @throws ReadFailure with the cause, naming what went wrong
   */
  public int read() throws ReadFailure {
    buffer.clear();
    try (FileChannel channel = FileChannel.open(path)) {
      int n = channel.read(buffer);
      while (readToEnd && n >= 0 && buffer.hasRemaining()) {
        n = channel.read(buffer);
      }
    } catch (NoSuchFileException e) {
      throw new ReadFailure(ReadError.MISSING, e);
    } catch (AccessDeniedException e) {
      throw new ReadFailure(ReadError.PERMISSION, e);
    } catch (IOException e) {
      throw new ReadFailure(classify(e.getMessage()), e);
    }
    return buffer.position();
  }

  /** The bytes of the last read, from index 0; valid until the next read. */
  public ByteBuffer buffer() {
    return buffer;
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
