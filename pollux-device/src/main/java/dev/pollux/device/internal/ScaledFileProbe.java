package dev.pollux.device.internal;

/**
 * A sysfs attribute holding one integer in a kernel unit, scaled to the sensor's unit, e.g. {@code
 * temp1_input} = {@code 45000} millidegrees → 45.0 °C with {@code scale} 0.001.
 */
final class ScaledFileProbe implements Probe {
  private final AttributeFile file;
  private final double scale;

  ScaledFileProbe(AttributeFile file, double scale) {
    this.file = file;
    this.scale = scale;
  }

  @Override
  public double read(long nowMillis) throws ReadFailure {
    int length = file.read();
    return Numbers.parseLong(file.bytes(), 0, length) * scale;
  }
}
