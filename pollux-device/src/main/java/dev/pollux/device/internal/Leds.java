package dev.pollux.device.internal;

import dev.pollux.device.Actuator;
import dev.pollux.device.WriteResult;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The LEDs under {@code <sysfs>/class/leds}: each {@code <name>/brightness} with its {@code
 * max_brightness} is the actuator {@code led_<name>}, e.g. {@code ACT} → {@code led_act}, with its
 * kernel triggers from {@code <name>/trigger} when it has one.
 *
 * <p>Writing a brightness first sets the trigger to {@code none}: on a Raspberry Pi the ACT LED
 * follows {@code mmc0} (or {@code heartbeat}), which would overwrite the value at the next SD card
 * access. Setting {@code none} switches the LED off in the kernel ({@code led_trigger_set} with a
 * null trigger), so the brightness is written after it.
 */
final class Leds implements ActuatorFamily {
  private static final System.Logger LOG = System.getLogger(Leds.class.getName());

  /** The trigger that leaves the LED to its {@code brightness} file. */
  static final String NO_TRIGGER = "none";

  private final Path classDir;

  Leds(Path sysfsRoot) {
    this.classDir = sysfsRoot.resolve("class").resolve("leds");
  }

  @Override
  public List<Actuator> list() {
    List<Actuator> found = new ArrayList<>();
    if (!Files.isDirectory(classDir)) {
      return found;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(classDir)) {
      for (Path dir : entries) {
        found.add(read(dir));
      }
    } catch (IOException e) {
      LOG.log(Level.WARNING, "cannot list " + classDir + ": " + e, e);
    }
    return found;
  }

  @Override
  public WriteResult write(Actuator led, int value) {
    if (led.trigger() != null && !NO_TRIGGER.equals(led.trigger())) {
      WriteResult refused = AttributeWrite.write(led, trigger(led), NO_TRIGGER);
      if (refused != null) {
        return refused;
      }
    }
    WriteResult refused = AttributeWrite.write(led, led.path(), Integer.toString(value));
    if (refused != null) {
      return refused;
    }
    return new WriteResult.Written(afterWrite(led, value));
  }

  @Override
  public WriteResult setTrigger(Actuator led, String name) {
    if (led.triggers().isEmpty()) {
      return new WriteResult.Unsupported(led, "this actuator has no triggers");
    }
    if (!led.triggers().contains(name)) {
      return new WriteResult.Unsupported(led, "unknown trigger");
    }
    WriteResult refused = AttributeWrite.write(led, trigger(led), name);
    if (refused != null) {
      return refused;
    }
    Actuator after = read(led.path().getParent());
    return new WriteResult.Written(after);
  }

  private static Path trigger(Actuator led) {
    return led.path().resolveSibling("trigger");
  }

  /** The state after writing {@code value}, read back; the value written if it cannot be read. */
  private static Actuator afterWrite(Actuator led, int value) {
    Actuator after = read(led.path().getParent());
    return after.ok() ? after : led.withValue(value);
  }

  /** The LED in {@code dir}; with an error when its files cannot be read. */
  static Actuator read(Path dir) {
    Path brightness = dir.resolve("brightness");
    String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
    String id = "led_" + Names.idPart(name);
    LedTriggers triggers = triggers(dir.resolve("trigger"));
    String active = triggers == null ? null : triggers.active();
    List<String> all = triggers == null ? List.of() : triggers.all();
    int max;
    try {
      max =
          (int)
              Math.min(Integer.MAX_VALUE, ActuatorFamily.readNumber(dir.resolve("max_brightness")));
    } catch (ReadFailure e) {
      return unreadable(new Actuator(id, "led", 0, 0, 0, brightness, null, active, all), e);
    }
    Actuator led = new Actuator(id, "led", 0, max, 0, brightness, null, active, all);
    try {
      return led.withValue((int) ActuatorFamily.readNumber(brightness));
    } catch (ReadFailure e) {
      return unreadable(led, e);
    }
  }

  private static Actuator unreadable(Actuator led, ReadFailure e) {
    LOG.log(Level.DEBUG, () -> "LED " + led.path() + " unreadable: " + e.getMessage(), e);
    return ActuatorFamily.unreadable(led, e);
  }

  /** The trigger list, or null when the LED has no readable {@code trigger} file. */
  private static LedTriggers triggers(Path file) {
    if (!Files.isRegularFile(file)) {
      return null;
    }
    AttributeFile attribute = AttributeFile.sysfsList(file, LedTriggers.MAX_BYTES);
    try {
      int length = attribute.read();
      return LedTriggers.parse(attribute.bytes(), length);
    } catch (ReadFailure e) {
      LOG.log(Level.DEBUG, () -> "LED trigger " + file + " unreadable: " + e.getMessage(), e);
      return null;
    }
  }
}
