package dev.pollux.device.internal;

import java.util.List;

/**
 * Sensor and chip names: node_exporter's {@code cleanMetricName} (lower case, every character
 * outside {@code [a-z0-9:_]} becomes {@code _}, leading and trailing {@code _} trimmed, so {@code
 * "Package id 0"} becomes {@code package_id_0}), and glob matching on ids.
 */
public final class Names {
  private Names() {}

  /** node_exporter's {@code cleanMetricName}, e.g. {@code coretemp.0} → {@code coretemp_0}. */
  public static String clean(String name) {
    StringBuilder out = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = Character.toLowerCase(name.charAt(i));
      boolean valid = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == ':' || c == '_';
      out.append(valid ? c : '_');
    }
    int start = 0;
    int end = out.length();
    while (start < end && out.charAt(start) == '_') {
      start++;
    }
    while (end > start && out.charAt(end - 1) == '_') {
      end--;
    }
    return out.substring(start, end);
  }

  /** {@link #clean} and also {@code :} → {@code _}, for ids that go into URLs and MQTT topics. */
  public static String idPart(String name) {
    return clean(name).replace(':', '_');
  }

  /** True when {@code id} passes: matches an include glob (or there are none) and no exclude. */
  public static boolean accepted(String id, List<String> include, List<String> exclude) {
    boolean included = include.isEmpty();
    for (String glob : include) {
      included |= glob(glob, id);
    }
    if (!included) {
      return false;
    }
    for (String glob : exclude) {
      if (glob(glob, id)) {
        return false;
      }
    }
    return true;
  }

  /** Matches {@code text} against {@code glob}: {@code *} any run, {@code ?} one character. */
  public static boolean glob(String glob, String text) {
    int g = 0;
    int t = 0;
    int starAt = -1;
    int starMatch = 0;
    while (t < text.length()) {
      if (g < glob.length() && (glob.charAt(g) == '?' || glob.charAt(g) == text.charAt(t))) {
        g++;
        t++;
      } else if (g < glob.length() && glob.charAt(g) == '*') {
        starAt = g++;
        starMatch = t;
      } else if (starAt >= 0) {
        g = starAt + 1;
        t = ++starMatch;
      } else {
        return false;
      }
    }
    while (g < glob.length() && glob.charAt(g) == '*') {
      g++;
    }
    return g == glob.length();
  }
}
