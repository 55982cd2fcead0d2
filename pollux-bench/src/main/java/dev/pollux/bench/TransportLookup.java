package dev.pollux.bench;

import dev.pollux.epoll.EpollTransport;
import dev.pollux.loop.Transport;
import dev.pollux.loop.Transports;

/**
 * Finds a {@link Transport} by its {@code --io} name: {@code epoll} (the FFM transport of
 * pollux-epoll) or one of pollux-loop's ({@code nio}, {@code poll}, {@code threads}, {@code
 * virtual}), as the server's {@code --io} does.
 */
public final class TransportLookup {

  private TransportLookup() {}

  /**
   * The transport named {@code name}.
   *
   * @throws IllegalArgumentException naming the model and the ones there are when there is none
   * @throws UnsupportedOperationException when {@code epoll} cannot load here, saying why
   */
  public static Transport byName(String name) {
    if (name.equals("epoll")) {
      return EpollTransport.create();
    }
    if (!Transports.names().contains(name)) {
      throw new IllegalArgumentException(
          "no transport '"
              + name
              + "'; there are: epoll, "
              + String.join(", ", Transports.names()));
    }
    return Transports.byName(name);
  }
}
