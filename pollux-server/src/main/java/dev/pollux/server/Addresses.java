package dev.pollux.server;

import java.net.Inet6Address;
import java.net.InetSocketAddress;

/** Socket addresses as people read them: {@code 127.0.0.1:8080}, {@code [::1]:8080}. */
public final class Addresses {

  private Addresses() {}

  public static String format(InetSocketAddress address) {
    String host =
        address.getAddress() == null
            ? address.getHostString()
            : address.getAddress().getHostAddress();
    if (address.getAddress() instanceof Inet6Address) {
      host = "[" + host + "]";
    }
    return host + ":" + address.getPort();
  }
}
