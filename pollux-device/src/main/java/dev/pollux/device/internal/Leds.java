package dev.pollux.device.internal;

import dev.pollux.device.Actuator;
import dev.pollux.device.WriteResult;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The LEDs under {@code <sysfs>/class/leds}: each {@code <name>/brightness} with its {@code
 * max_brightness} is the actuator {@code led_<name>}, e.g. {@code ACT} → {@code led_act}. Every
 * call does blocking file I/O: call it off the event loops.
 */
public final class Leds {
  private static final System.Logger LOG = System.getLogger(Leds.class.getName());

  private final Path classDir;

  public Leds(Path sysfsRoot) {
    this.classDir = sysfsRoot.resolve("class").resolve("leds");
  }

  /** The LEDs with their current values, sorted by id; an unreadable one is left out. */
  public List<Actuator> list() {
    List<Actuator> found = new ArrayList<>();
    if (!Files.isDirectory(classDir)) {
      return found;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(classDir)) {
      for (Path dir : entries) {
        Actuator led = read(dir);
        if (led != null) {
          found.add(led);
        }
      }
    } catch (IOException e) {
      LOG.log(Level.WARNING, "cannot list " + classDir + ": " + e, e);
    }
    found.sort(java.util.Comparator.comparing(Actuator::id));
    return found;
  }

  /** Validates {@code value} against the LED's range and writes it. */
  public WriteResult write(String id, int value) {
    Actuator led = null;
    for (Actuator candidate : list()) {
      if (candidate.id().equals(id)) {
        led = candidate;
      }
    }
    if (led == null) {
      return new WriteResult.Unknown(id);
    }
    if (value < led.min() || value > led.max()) {
      return new WriteResult.OutOfRange(led, value);
    }
    byte[] text = (value + "\n").getBytes(StandardCharsets.US_ASCII);
    try (FileChannel channel = FileChannel.open(led.path(), StandardOpenOption.WRITE)) {
      channel.write(ByteBuffer.wrap(text));
    } catch (AccessDeniedException e) {
      return new WriteResult.Denied(led, "permission denied");
    } catch (FileSystemException e) {
      String reason = e.getReason() == null ? "" : e.getReason();
      if (reason.contains("Is a directory") || reason.contains("Read-only")) {
        return new WriteResult.Denied(led, "not a writable file");
      }
      return failed(led, e);
    } catch (IOException e) {
      return failed(led, e);
    }
    Actuator after = read(led.path().getParent());
    return new WriteResult.Written(after == null ? withValue(led, value) : after);
  }

  private static WriteResult failed(Actuator led, IOException e) {
    LOG.log(Level.WARNING, "writing " + led.path() + " failed: " + e, e);
    return new WriteResult.Failed(led, "i/o error");
  }

  private static Actuator withValue(Actuator led, int value) {
    return new Actuator(led.id(), led.kind(), led.min(), led.max(), value, led.path());
  }

  /** The LED in {@code dir}, or null when its files cannot be read. */
  private static Actuator read(Path dir) {
    Path brightness = dir.resolve("brightness");
    String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
    String id = "led_" + Names.idPart(name);
    try {
      int max = (int) readNumber(dir.resolve("max_brightness"));
      int value = Files.isDirectory(brightness) ? 0 : (int) readNumber(brightness);
      return new Actuator(id, "led", 0, max, value, brightness);
    } catch (ReadFailure e) {
      LOG.log(Level.DEBUG, () -> "LED " + dir + " unreadable: " + e.getMessage(), e);
      return null;
    }
  }

  private static long readNumber(Path path) throws ReadFailure {
    AttributeFile file = AttributeFile.sysfs(path);
    int length = file.read();
    return Numbers.parseLong(file.bytes(), 0, length);
  }
}
