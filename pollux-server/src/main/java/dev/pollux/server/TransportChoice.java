package dev.pollux.server;

import dev.pollux.loop.Transport;
import dev.pollux.loop.Transports;
import dev.pollux.server.cli.IoModel;
import java.lang.System.Logger.Level;

/**
 * The transport of the configured I/O model, from {@link Transports}: the one place it is chosen.
 */
final class TransportChoice {

  // The start's logger: the fallback line is part of what the server says as it starts.
  private static final System.Logger LOG = System.getLogger(PolluxServer.class.getName());

  private TransportChoice() {}

  /**
   * The transport {@code io} names; {@code auto} logs why it falls back to {@code nio}.
   *
   * @throws StartupException.TransportUnavailable when the named transport cannot run here
   */
  static Transport of(IoModel io) throws StartupException {
    if (io == IoModel.AUTO) {
      Transports.Choice choice = Transports.auto();
      choice
          .fallbackReason()
          .ifPresent(
              reason ->
                  LOG.log(
                      Level.INFO,
                      "--io auto: using {0}, since {1}",
                      choice.transport().name(),
                      reason));
      return choice.transport();
    }
    try {
      return Transports.byName(io.label());
    } catch (UnsupportedOperationException e) {
      throw new StartupException.TransportUnavailable(io.label(), e.getMessage(), e);
    }
  }
}
