package dev.pollux.device;

/**
 * A name as node_exporter's {@code cleanMetricName} writes it, the rule behind sensor ids and hwmon
 * chip labels alike: lower case, every character outside {@code [a-z0-9:_]} becomes {@code _},
 * leading and trailing {@code _} trimmed, so {@code "Package id 0"} becomes {@code package_id_0}
 * and {@code coretemp.0} becomes {@code coretemp_0}. Public so that the server's {@code /metrics}
 * labels its hwmon chips exactly as this layer names their sensors.
 */
public final class CleanName {
  private CleanName() {}

  /** {@code name} cleaned, e.g. {@code coretemp.0} → {@code coretemp_0}; may be empty. */
  public static String of(String name) {
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
}
