package dev.pollux.loop;

import dev.pollux.epoll.EpollTransport;
import dev.pollux.epoll.EpollTransport.Trigger;

/** {@link ConnectionIT} on the epoll transport, edge-triggered. */
class EpollEdgeConnectionIT extends ConnectionIT {

  @Override
  Transport transport() {
    return EpollTransport.create(Trigger.EDGE);
  }
}
