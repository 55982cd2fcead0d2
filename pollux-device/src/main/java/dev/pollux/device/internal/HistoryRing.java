package dev.pollux.device.internal;

import dev.pollux.device.History;
import dev.pollux.device.Sensor;

/**
 * The last {@code capacity} good values of one sensor in two primitive arrays used as a ring:
 * memory is fixed at {@code capacity × 16} bytes whatever runs. Written by whichever thread
 * completed a read, read by server threads; guarded by {@code this}.
 */
final class HistoryRing {
  private final long[] epochMillis;
  private final double[] values;
  private int next; // index of the next write
  private int size;

  HistoryRing(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity < 1: " + capacity);
    }
    this.epochMillis = new long[capacity];
    this.values = new double[capacity];
  }

  synchronized void add(long atMillis, double value) {
    epochMillis[next] = atMillis;
    values[next] = value;
    next = next + 1 == values.length ? 0 : next + 1;
    if (size < values.length) {
      size++;
    }
  }

  /** The points at or after {@code sinceMillis}, oldest first. */
  synchronized History since(Sensor sensor, long sinceMillis) {
    int oldest = size < values.length ? 0 : next;
    int skip = 0;
    while (skip < size && epochMillis[(oldest + skip) % values.length] < sinceMillis) {
      skip++;
    }
    int count = size - skip;
    long[] times = new long[count];
    double[] copied = new double[count];
    for (int i = 0; i < count; i++) {
      int at = (oldest + skip + i) % values.length;
      times[i] = epochMillis[at];
      copied[i] = values[at];
    }
    return new History(sensor, times, copied);
  }

  int capacity() {
    return values.length;
  }
}
