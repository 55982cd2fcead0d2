package dev.pollux.server.mqtt;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/**
 * The dashboard's address that Home Assistant links the device to, when the configuration does not
 * give one: the HTTP (else HTTPS) listener's port at the bind address, or at the host name when
 * bound to every address, e.g. {@code http://greenhouse-2:8080/}.
 */
public final class DashboardUrl {

  /** The port named when neither listener runs (then there is no dashboard to link to). */
  private static final int DEFAULT_PORT = 8080;

  private DashboardUrl() {}

  /**
   * The dashboard's address for these listeners.
   *
   * @param http the HTTP listener's address, if it runs
   * @param https the HTTPS listener's address, if it runs
   * @param bindAddress the address the listeners are bound to, as configured
   * @param hostName this machine's host name
   */
  public static URI of(
      Optional<InetSocketAddress> http,
      Optional<InetSocketAddress> https,
      String bindAddress,
      String hostName) {
    String scheme = http.isPresent() ? "http" : "https";
    int port = http.or(() -> https).map(InetSocketAddress::getPort).orElse(DEFAULT_PORT);
    boolean everyAddress =
        bindAddress.equals("0.0.0.0") || bindAddress.equals("::") || bindAddress.isEmpty();
    String host = everyAddress ? hostName : bindAddress;
    try {
      return new URI(scheme, null, host, port, "/", null, null);
    } catch (URISyntaxException e) {
      return URI.create(scheme + "://localhost:" + port + "/");
    }
  }
}
