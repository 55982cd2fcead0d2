package dev.pollux.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code --name value} options of a benchmark process, e.g. {@code --port 8080 --io nio}; a
 * bare word before them (the contestant's name) is kept as {@link #word()}.
 */
public final class Flags {

  private final String word;
  private final Map<String, String> values;

  private Flags(String word, Map<String, String> values) {
    this.word = word;
    this.values = values;
  }

  /**
   * Parses {@code args}: an optional leading word, then pairs {@code --name value} with names from
   * {@code known}.
   *
   * @throws IllegalArgumentException naming the option that is unknown or lacks a value
   */
  public static Flags parse(String[] args, List<String> known) {
    int i = 0;
    String word = null;
    if (args.length > 0 && !args[0].startsWith("--")) {
      word = args[0];
      i = 1;
    }
    Map<String, String> values = new HashMap<>();
    for (; i < args.length; i += 2) {
      String name = args[i];
      if (!name.startsWith("--") || !known.contains(name.substring(2))) {
        throw new IllegalArgumentException("unknown option: " + name + " (known: " + known + ")");
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("option " + name + " needs a value");
      }
      values.put(name.substring(2), args[i + 1]);
    }
    return new Flags(word, values);
  }

  /** The leading word, or null. */
  public String word() {
    return word;
  }

  /** The value of {@code --name}, or {@code fallback}. */
  public String get(String name, String fallback) {
    return values.getOrDefault(name, fallback);
  }

  /**
   * The value of {@code --name} as an int within {@code [min, max]}, or {@code fallback}.
   *
   * @throws IllegalArgumentException naming the option and the value when it is not such a number
   */
  public int getInt(String name, int fallback, int min, int max) {
    String value = values.get(name);
    if (value == null) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(value);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + " is not a number: " + value, e);
    }
    throw new IllegalArgumentException(
        "--" + name + " out of range [" + min + ", " + max + "]: " + value);
  }
}
