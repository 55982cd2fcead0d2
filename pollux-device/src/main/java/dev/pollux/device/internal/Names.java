package dev.pollux.device.internal;

import dev.pollux.device.CleanName;
import java.util.List;

/** Sensor ids as they go into URLs and MQTT topics, and glob matching on ids. */
public final class Names {
  private Names() {}

  /**
   * {@link CleanName#of} and also {@code :} → {@code _}, for ids that go into URLs and MQTT topics.
   */
  public static String idPart(String name) {
    return CleanName.of(name).replace(':', '_');
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
