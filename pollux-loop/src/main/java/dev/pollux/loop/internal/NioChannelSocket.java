package dev.pollux.loop.internal;

import dev.pollux.loop.spi.Pollable;
import java.nio.channels.SelectableChannel;

/** A socket of the NIO transport: what {@link NioPoller} registers with its selector. */
interface NioChannelSocket extends Pollable {

  /** The channel behind this socket. */
  SelectableChannel channel();

  /** The NIO operation that {@code Poller.READ} means for this socket (read or accept). */
  int readOp();
}
