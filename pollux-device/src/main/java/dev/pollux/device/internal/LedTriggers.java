package dev.pollux.device.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * An LED's {@code trigger} file parsed: the kernel lists every trigger and marks the active one
 * with brackets, e.g. {@code "none rc-feedback [mmc0] heartbeat\n"} → active {@code mmc0}.
 *
 * <p>A plain-file tree (tests) holds what was last written, {@code "none\n"}, without brackets:
 * then the single name is taken as the active trigger.
 *
 * @param active the active trigger, or null when the file names none
 * @param all every trigger, in the kernel's order
 */
record LedTriggers(String active, List<String> all) {

  /** Larger than any trigger list seen (a Pi 5 lists about 1.5 KiB). */
  static final int MAX_BYTES = 16 * 1024;

  LedTriggers {
    all = List.copyOf(all);
  }

  /** Parses {@code bytes[0, length)}. */
  static LedTriggers parse(byte[] bytes, int length) {
    List<String> all = new ArrayList<>();
    String active = null;
    int i = 0;
    while (i < length) {
      i = Numbers.skipSpace(bytes, i, length);
      int end = Numbers.tokenEnd(bytes, i, length);
      if (end == i) {
        break;
      }
      boolean marked = bytes[i] == '[' && bytes[end - 1] == ']' && end - i > 2;
      String name =
          marked
              ? new String(bytes, i + 1, end - i - 2, StandardCharsets.UTF_8)
              : new String(bytes, i, end - i, StandardCharsets.UTF_8);
      all.add(name);
      if (marked) {
        active = name;
      }
      i = end;
    }
    if (active == null && all.size() == 1) {
      active = all.get(0);
    }
    return new LedTriggers(active, all);
  }
}
