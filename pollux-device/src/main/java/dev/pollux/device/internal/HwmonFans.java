package dev.pollux.device.internal;

import dev.pollux.device.Actuator;
import dev.pollux.device.WriteResult;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fans with PWM control: each hwmon {@code pwmN} (0-255) is the actuator {@code fan_<chip>_pwm<N>},
 * e.g. the Raspberry Pi 5's {@code cooling_fan} → {@code fan_platform_cooling_fan_pwm1}.
 *
 * <p>Design: the kernel ignores {@code pwmN} while {@code pwmN_enable} is automatic (2 and above,
 * Documentation/hwmon/sysfs-interface.rst), so a write sets it to 1 (manual) first, remembering the
 * value it had. {@link #close()} writes the remembered values back, giving the fan to the kernel's
 * own control when Pollux stops: a daemon that leaves a fan at a fixed duty after it exits could
 * let the board overheat.
 */
final class HwmonFans implements ActuatorFamily {
  private static final System.Logger LOG = System.getLogger(HwmonFans.class.getName());

  static final int PWM_MAX = 255;
  private static final String MANUAL = "1";

  private final Path sysfsRoot;

  /** {@code pwmN_enable} file → the value it had before Pollux first wrote it. */
  private final Map<Path, String> takenOver = new ConcurrentHashMap<>();

  HwmonFans(Path sysfsRoot) {
    this.sysfsRoot = sysfsRoot;
  }

  @Override
  public List<Actuator> list() {
    List<Actuator> found = new ArrayList<>();
    for (HwmonChips.Chip chip : HwmonChips.chips(sysfsRoot)) {
      for (Directories.Numbered pwm : HwmonExtras.files(chip.dir(), "pwm", "")) {
        String id = "fan_" + chip.chipId() + "_pwm" + pwm.number();
        Actuator fan = new Actuator(id, "fan", 0, PWM_MAX, 0, pwm.path());
        try {
          found.add(fan.withValue((int) ActuatorFamily.readNumber(pwm.path())));
        } catch (ReadFailure e) {
          found.add(ActuatorFamily.unreadable(fan, e));
        }
      }
    }
    return found;
  }

  @Override
  public WriteResult write(Actuator fan, int value) {
    Path enable = fan.path().resolveSibling(fan.path().getFileName() + "_enable");
    if (Files.exists(enable)) {
      String mode = TextAttribute.read(enable);
      if (!MANUAL.equals(mode)) {
        if (mode != null) {
          takenOver.putIfAbsent(enable, mode);
        }
        WriteResult refused = AttributeWrite.write(fan, enable, MANUAL);
        if (refused != null) {
          return refused;
        }
      }
    }
    WriteResult refused = AttributeWrite.write(fan, fan.path(), Integer.toString(value));
    if (refused != null) {
      return refused;
    }
    try {
      return new WriteResult.Written(fan.withValue((int) ActuatorFamily.readNumber(fan.path())));
    } catch (ReadFailure e) {
      return new WriteResult.Written(fan.withValue(value));
    }
  }

  /** Writes every {@code pwmN_enable} Pollux changed back to its earlier value. */
  @Override
  public void close() {
    for (Map.Entry<Path, String> entry : takenOver.entrySet()) {
      Path enable = entry.getKey();
      Actuator owner = new Actuator(enable.toString(), "fan", 0, PWM_MAX, 0, enable);
      WriteResult refused = AttributeWrite.write(owner, enable, entry.getValue());
      if (refused == null) {
        LOG.log(Level.INFO, "fan control {0} given back: {1}", enable, entry.getValue());
      } else {
        LOG.log(Level.WARNING, "fan control {0} could not be given back: {1}", enable, refused);
      }
    }
    takenOver.clear();
  }
}
