package dev.pollux.server.listen;

import dev.pollux.server.StartupException;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * Where one listener listens, e.g. {@code tcp} on {@code 127.0.0.1:9000}; {@link #open} starts it
 * there and turns a failure into a {@link StartupException} that names the protocol and address.
 */
public record ListenAddress(Protocol protocol, InetSocketAddress address) {

  /**
   * The address of {@code protocol} on {@code host} (an address or a name) and {@code port}.
   *
   * @throws StartupException.BindAddressUnresolved when {@code host} does not resolve
   */
  public static ListenAddress resolve(Protocol protocol, String host, int port)
      throws StartupException {
    InetSocketAddress address = new InetSocketAddress(host, port);
    if (address.isUnresolved()) {
      throw new StartupException.BindAddressUnresolved(host);
    }
    return new ListenAddress(protocol, address);
  }

  /**
   * Starts a server on this address.
   *
   * @throws StartupException.ListenFailed when it cannot listen there
   */
  <T> T open(Opener<T> opener) throws StartupException {
    try {
      return opener.open(address);
    } catch (IOException e) {
      throw new StartupException.ListenFailed(protocol, address, e);
    }
  }

  /** Starts a server listening on an address. */
  @FunctionalInterface
  interface Opener<T> {
    T open(InetSocketAddress address) throws IOException;
  }
}
