package dev.pollux.device.internal;

import dev.pollux.device.Actuator;
import dev.pollux.device.WriteResult;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes one value into a sysfs attribute the way {@code echo 128 > brightness} does: opened with
 * {@code O_TRUNC}, the value and a newline in one {@code write(2)}. sysfs ignores the truncation,
 * but a plain-file tree (tests, containers that copy sysfs) does not: without it writing {@code 0}
 * over {@code 128} leaves {@code "0\n8\n"}.
 */
final class AttributeWrite {
  private static final System.Logger LOG = System.getLogger(AttributeWrite.class.getName());

  private AttributeWrite() {}

  /**
   * Writes {@code value} and a newline into {@code file} on behalf of {@code actuator}.
   *
   * @return null when written; otherwise the {@link WriteResult.Denied} or {@link
   *     WriteResult.Failed} to answer
   */
  static WriteResult write(Actuator actuator, Path file, String value) {
    byte[] text = (value + "\n").getBytes(StandardCharsets.US_ASCII);
    try (FileChannel channel =
        FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
      channel.write(ByteBuffer.wrap(text));
      return null;
    } catch (AccessDeniedException e) {
      return new WriteResult.Denied(actuator, "permission denied");
    } catch (FileSystemException e) {
      String reason = e.getReason() == null ? "" : e.getReason();
      if (reason.contains("Is a directory") || reason.contains("Read-only")) {
        return new WriteResult.Denied(actuator, "not a writable file");
      }
      return failed(actuator, file, e);
    } catch (IOException e) {
      // EINVAL from a driver (a trigger that vanished, a duty cycle above the period) lands here.
      return failed(actuator, file, e);
    }
  }

  private static WriteResult failed(Actuator actuator, Path file, IOException e) {
    LOG.log(Level.WARNING, "writing " + file + " failed: " + e, e);
    return new WriteResult.Failed(actuator, "i/o error");
  }
}
