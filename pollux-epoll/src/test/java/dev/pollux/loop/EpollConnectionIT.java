package dev.pollux.loop;

import dev.pollux.epoll.EpollTransport;

/** {@link ConnectionIT} on the epoll transport. */
class EpollConnectionIT extends ConnectionIT {

  @Override
  Transport transport() {
    return EpollTransport.create();
  }
}
