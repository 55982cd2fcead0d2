package dev.pollux.server.cli;

/**
 * Device ids as they appear in MQTT topics and metric labels: 1 to 64 of {@code [A-Za-z0-9_-]},
 * e.g. {@code raspberrypi} or {@code greenhouse-2}.
 */
final class DeviceIds {

  private static final int MAX_LENGTH = 64;

  private DeviceIds() {}

  static boolean isValid(String id) {
    if (id.isEmpty() || id.length() > MAX_LENGTH) {
      return false;
    }
    for (int i = 0; i < id.length(); i++) {
      if (!isAllowed(id.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** The host's short name with every other character replaced by {@code _}. */
  static String fromHostName(String hostName) {
    int dot = hostName.indexOf('.');
    String shortName = dot > 0 ? hostName.substring(0, dot) : hostName;
    StringBuilder id = new StringBuilder(Math.min(shortName.length(), MAX_LENGTH));
    for (int i = 0; i < shortName.length() && id.length() < MAX_LENGTH; i++) {
      char c = shortName.charAt(i);
      id.append(isAllowed(c) ? c : '_');
    }
    return id.isEmpty() ? "pollux" : id.toString();
  }

  private static boolean isAllowed(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '_';
  }
}
