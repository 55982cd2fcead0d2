package dev.pollux.device.internal;

/**
 * One of the three load averages of {@code /proc/loadavg}, a line like {@code 0.52 0.58 0.59 1/234
 * 5678}; {@code field} 0 is the 1-minute average.
 */
final class LoadavgProbe implements Probe {
  private final AttributeFile file;
  private final int field;

  LoadavgProbe(AttributeFile file, int field) {
    this.file = file;
    this.field = field;
  }

  @Override
  public double read(long nowMillis) throws ReadFailure {
    int length = file.read();
    byte[] bytes = file.bytes();
    int start = Numbers.skipSpace(bytes, 0, length);
    for (int i = 0; i < field; i++) {
      start = Numbers.skipSpace(bytes, Numbers.tokenEnd(bytes, start, length), length);
    }
    return Numbers.parseDecimal(bytes, start, length);
  }
}
