package dev.pollux.device.internal;

/** The first field of {@code /proc/uptime}, like {@code 12345.67 23456.78}, in seconds. */
final class UptimeProbe implements Probe {
  private final AttributeFile file;

  UptimeProbe(AttributeFile file) {
    this.file = file;
  }

  @Override
  public double read(long nowMillis) throws ReadFailure {
    int length = file.read();
    return Numbers.parseDecimal(file.bytes(), 0, length);
  }
}
