package dev.pollux.testing.sysfs;

import java.nio.file.Path;

/**
 * One fake hwmon chip of a {@link FakeSysfs}, adding inputs in the kernel's units: {@code temp(1,
 * 45_000, "Package id 0")} writes {@code temp1_input} and {@code temp1_label}. A null label writes
 * no label file.
 */
public final class Hwmon {
  private final FakeSysfs tree;
  private final Path dir;

  Hwmon(FakeSysfs tree, Path dir) {
    this.tree = tree;
    this.dir = dir;
  }

  /** The chip's directory (the resolved one, under {@code devices/} when it has a device). */
  public Path dir() {
    return dir;
  }

  /** The tree, to go on building. */
  public FakeSysfs tree() {
    return tree;
  }

  /** {@code temp<i>_input} in millidegrees Celsius. */
  public Hwmon temp(int i, long milliCelsius, String label) {
    return input("temp", i, milliCelsius, label);
  }

  /** {@code fan<i>_input} in RPM. */
  public Hwmon fan(int i, long rpm, String label) {
    return input("fan", i, rpm, label);
  }

  /** {@code in<i>_input} in millivolts. */
  public Hwmon in(int i, long milliVolts, String label) {
    return input("in", i, milliVolts, label);
  }

  /** {@code curr<i>_input} in milliamperes. */
  public Hwmon curr(int i, long milliAmperes, String label) {
    return input("curr", i, milliAmperes, label);
  }

  /** {@code power<i>_input} in microwatts. */
  public Hwmon power(int i, long microWatts, String label) {
    return input("power", i, microWatts, label);
  }

  /**
   * {@code pwm<i>} (0-255) and, unless {@code enable} is null, {@code pwm<i>_enable} (0 full speed,
   * 1 manual, 2 and above automatic).
   */
  public Hwmon pwm(int i, int value, Integer enable) {
    tree.write(dir.resolve("pwm" + i), value + "\n");
    if (enable != null) {
      tree.write(dir.resolve("pwm" + i + "_enable"), enable + "\n");
    }
    return this;
  }

  /** The path of an input file, e.g. {@code input("temp", 1)} → {@code .../temp1_input}. */
  public Path input(String type, int i) {
    return dir.resolve(type + i + "_input");
  }

  private Hwmon input(String type, int i, long value, String label) {
    tree.write(input(type, i), value + "\n");
    if (label != null) {
      tree.write(dir.resolve(type + i + "_label"), label + "\n");
    }
    return this;
  }
}
