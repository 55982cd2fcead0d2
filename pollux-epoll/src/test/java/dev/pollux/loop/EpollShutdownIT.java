package dev.pollux.loop;

import dev.pollux.epoll.EpollTransport;

/** {@link ShutdownIT} on the epoll transport. */
class EpollShutdownIT extends ShutdownIT {

  @Override
  Transport transport() {
    return EpollTransport.create();
  }
}
