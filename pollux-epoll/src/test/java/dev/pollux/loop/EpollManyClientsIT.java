package dev.pollux.loop;

import dev.pollux.epoll.EpollTransport;
import dev.pollux.epoll.EpollTransport.Trigger;

/** {@link ManyClientsIT} on the epoll transport, level-triggered. */
class EpollManyClientsIT extends ManyClientsIT {

  @Override
  Transport transport() {
    return EpollTransport.create(Trigger.LEVEL);
  }
}
