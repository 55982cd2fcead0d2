package dev.pollux.loop;

import dev.pollux.epoll.EpollTransport;

/** {@link BackpressureIT} on the epoll transport. */
class EpollBackpressureIT extends BackpressureIT {

  @Override
  Transport transport() {
    return EpollTransport.create();
  }
}
