package dev.pollux.loop;

import dev.pollux.epoll.EpollTransport;
import dev.pollux.epoll.EpollTransport.Trigger;

/** {@link ManyClientsIT} on the epoll transport, edge-triggered. */
class EpollEdgeManyClientsIT extends ManyClientsIT {

  @Override
  Transport transport() {
    return EpollTransport.create(Trigger.EDGE);
  }
}
