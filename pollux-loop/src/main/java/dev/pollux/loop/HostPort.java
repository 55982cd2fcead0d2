package dev.pollux.loop;

import java.net.InetSocketAddress;

/**
 * A socket address as logs, error messages and the launcher show it: {@code 127.0.0.1:9000}, {@code
 * [::1]:80}. The one formatter of the project, so that one address reads the same everywhere.
 */
public final class HostPort {

  private HostPort() {}

  /** The literal address (no name lookup) and the port. */
  public static String of(InetSocketAddress address) {
    String host =
        address.getAddress() != null
            ? address.getAddress().getHostAddress()
            : address.getHostString();
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
  }
}
