package dev.pollux.device.internal;

/**
 * The CPU busy percentage from the {@code cpu} line of {@code /proc/stat}, like {@code cpu 4705 356
 * 584 3699 23 23 0 0 0 0} (user nice system idle iowait irq softirq steal guest guest_nice, in
 * clock ticks), between this sample and the previous one; the first sample gives the average since
 * boot.
 */
final class CpuBusyProbe implements Probe {
  /** user..steal; guest and guest_nice are already counted in user and nice. */
  private static final int COUNTED_FIELDS = 8;

  private static final int IDLE = 3;
  private static final int IOWAIT = 4;

  private final AttributeFile file;
  private long previousTotal; // ticks; only the thread reading this probe touches these
  private long previousIdle;
  private double previousPercent;

  CpuBusyProbe(AttributeFile file) {
    this.file = file;
  }

  @Override
  public double read(long nowMillis) throws ReadFailure {
    int length = file.read();
    byte[] bytes = file.bytes();
    if (length < 4 || bytes[0] != 'c' || bytes[1] != 'p' || bytes[2] != 'u' || bytes[3] != ' ') {
      throw length == 0 ? ReadError.EMPTY.failure() : ReadError.GARBAGE.failure();
    }
    long total = 0;
    long idle = 0;
    int at = 4;
    for (int field = 0; field < COUNTED_FIELDS; field++) {
      int start = Numbers.skipSpace(bytes, at, length);
      at = Numbers.tokenEnd(bytes, start, length);
      if (start == at) {
        break; // old kernels have fewer fields
      }
      long ticks = Numbers.parseLong(bytes, start, at);
      total += ticks;
      if (field == IDLE || field == IOWAIT) {
        idle += ticks;
      }
    }
    long deltaTotal = total - previousTotal;
    long deltaIdle = idle - previousIdle;
    previousTotal = total;
    previousIdle = idle;
    if (deltaTotal <= 0) {
      return previousPercent; // no tick elapsed between two samples
    }
    previousPercent = 100.0 * (deltaTotal - deltaIdle) / deltaTotal;
    return previousPercent;
  }
}
