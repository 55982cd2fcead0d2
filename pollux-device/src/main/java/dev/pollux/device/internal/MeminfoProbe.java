package dev.pollux.device.internal;

import java.nio.charset.StandardCharsets;

/**
 * One line of {@code /proc/meminfo}, like {@code MemAvailable: 8123456 kB}, in bytes (the kernel's
 * "kB" is KiB, as node_exporter also takes it).
 */
final class MeminfoProbe implements Probe {
  private final AttributeFile file;
  private final byte[] key;

  /** {@code key} without the colon, e.g. {@code MemTotal}. */
  MeminfoProbe(AttributeFile file, String key) {
    this.file = file;
    this.key = (key + ":").getBytes(StandardCharsets.US_ASCII);
  }

  @Override
  public double read(long nowMillis) throws ReadFailure {
    int length = file.read();
    byte[] bytes = file.bytes();
    int line = 0;
    while (line < length) {
      int lineEnd = line;
      while (lineEnd < length && bytes[lineEnd] != '\n') {
        lineEnd++;
      }
      if (startsWithKey(bytes, line, lineEnd)) {
        return value(bytes, line + key.length, lineEnd);
      }
      line = lineEnd + 1;
    }
    throw length == 0 ? ReadError.EMPTY.failure() : ReadError.GARBAGE.failure();
  }

  private boolean startsWithKey(byte[] bytes, int from, int to) {
    if (to - from < key.length) {
      return false;
    }
    for (int i = 0; i < key.length; i++) {
      if (bytes[from + i] != key[i]) {
        return false;
      }
    }
    return true;
  }

  private static double value(byte[] bytes, int from, int lineEnd) throws ReadFailure {
    int start = Numbers.skipSpace(bytes, from, lineEnd);
    int end = Numbers.tokenEnd(bytes, start, lineEnd);
    long number = Numbers.parseLong(bytes, start, end);
    int unit = Numbers.skipSpace(bytes, end, lineEnd);
    boolean kib = lineEnd - unit >= 2 && bytes[unit] == 'k' && bytes[unit + 1] == 'B';
    return kib ? number * 1024.0 : number;
  }
}
