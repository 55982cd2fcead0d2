package dev.pollux.epoll.internal;

import dev.pollux.loop.spi.Pollable;

/** A socket of the epoll transport: what {@link EpollPoller} registers, by its descriptor. */
interface FdSocket extends Pollable {

  /** The socket's descriptor. */
  Descriptor descriptor();

  /** What an edge-triggered poller remembers of the socket's readiness between edges. */
  Readiness readiness();
}
