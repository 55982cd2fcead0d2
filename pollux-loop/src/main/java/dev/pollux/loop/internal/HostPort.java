package dev.pollux.loop.internal;

import java.net.InetSocketAddress;

/**
 * A socket address as logs and error messages show it: {@code 127.0.0.1:9000}, {@code [::1]:80}.
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
