package dev.pollux.loop.spi;

import dev.pollux.loop.Transport;
import java.util.Optional;

/**
 * A transport that another module contributes, such as {@code pollux-epoll}'s direct epoll. The
 * module names its provider in {@code META-INF/services/dev.pollux.loop.spi.TransportProvider};
 * {@link dev.pollux.loop.Transports} finds it through {@link java.util.ServiceLoader} and offers it
 * by name beside this module's own transports, and prefers an available one for {@code auto}. This
 * module therefore never names a native transport, and a native transport missing from the class
 * path is only a transport {@code auto} cannot choose.
 */
public interface TransportProvider {

  /** The transport's name as {@code --io} spells it, e.g. {@code epoll}: lower case, one word. */
  String name();

  /**
   * Why the transport cannot run in this JVM, e.g. {@code epoll is Linux only; this is Mac OS X};
   * empty when it can. Never throws: a provider that fails to load its native calls says so here.
   */
  Optional<String> unavailableReason();

  /**
   * The transport.
   *
   * @throws UnsupportedOperationException with {@link #unavailableReason()} when it cannot run here
   */
  Transport create();
}
