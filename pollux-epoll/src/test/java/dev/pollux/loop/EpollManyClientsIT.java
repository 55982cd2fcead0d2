package dev.pollux.loop;

import dev.pollux.epoll.EpollTransport;

/** {@link ManyClientsIT} on the epoll transport. */
class EpollManyClientsIT extends ManyClientsIT {

  @Override
  Transport transport() {
    return EpollTransport.create();
  }
}
