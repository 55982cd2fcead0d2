package dev.pollux.loop;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.util.Arrays;

/**
 * A socket address as logs, error messages and the launcher show it: {@code 127.0.0.1:9000}, {@code
 * [::1]:80}. The one formatter of the project, so that one address reads the same everywhere.
 */
public final class HostPort {

  private HostPort() {}

  /** The literal address (no name lookup) and the port; IPv6 in its RFC 5952 short form. */
  public static String of(InetSocketAddress address) {
    if (address.getAddress() instanceof Inet6Address v6) {
      return "[" + shortForm(v6.getHostAddress()) + "]:" + address.getPort();
    }
    String host =
        address.getAddress() != null
            ? address.getAddress().getHostAddress()
            : address.getHostString();
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
  }

  /**
   * The JDK's eight groups ({@code 0:0:0:0:0:0:0:1}, leading zeros already dropped, a {@code
   * %scope} perhaps behind) with the longest run of two or more zero groups, the first of equals,
   * written {@code ::} (RFC 5952 §4.2): {@code ::1}, what people type and scripts compare with.
   */
  static String shortForm(String jdkForm) {
    int percent = jdkForm.indexOf('%');
    String scope = percent < 0 ? "" : jdkForm.substring(percent);
    String[] groups = (percent < 0 ? jdkForm : jdkForm.substring(0, percent)).split(":", -1);
    int bestStart = -1;
    int bestLength = 1; // a single zero group stays "0" (§4.2.2)
    for (int i = 0; i < groups.length; ) {
      int j = i;
      while (j < groups.length && groups[j].equals("0")) {
        j++;
      }
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
      i = j == i ? i + 1 : j;
    }
    if (bestStart < 0) {
      return String.join(":", groups) + scope;
    }
    String head = String.join(":", Arrays.copyOfRange(groups, 0, bestStart));
    String tail =
        String.join(":", Arrays.copyOfRange(groups, bestStart + bestLength, groups.length));
    return head + "::" + tail + scope;
  }
}
