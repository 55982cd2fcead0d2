package dev.pollux.epoll.internal;

import dev.pollux.epoll.EpollTransport;
import dev.pollux.loop.Transport;
import dev.pollux.loop.spi.TransportProvider;
import java.util.Optional;

/**
 * Offers {@link EpollTransport} to {@link dev.pollux.loop.Transports} as {@code epoll}, through
 * {@code META-INF/services}. Public only because {@link java.util.ServiceLoader} instantiates it.
 */
public final class EpollTransportProvider implements TransportProvider {

  @Override
  public String name() {
    return "epoll";
  }

  @Override
  public Optional<String> unavailableReason() {
    String reason = Availability.reason();
    return reason.isEmpty() ? Optional.empty() : Optional.of(reason);
  }

  @Override
  public Transport create() {
    return EpollTransport.create();
  }
}
