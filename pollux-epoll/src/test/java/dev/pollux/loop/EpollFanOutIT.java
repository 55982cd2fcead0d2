package dev.pollux.loop;

import dev.pollux.epoll.EpollTransport;

/** {@link FanOutIT} on the epoll transport. */
class EpollFanOutIT extends FanOutIT {

  @Override
  Transport transport() {
    return EpollTransport.create();
  }
}
