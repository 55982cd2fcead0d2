package dev.pollux.loop;

import dev.pollux.epoll.EpollTransport;
import dev.pollux.epoll.EpollTransport.Trigger;

/** {@link BackpressureIT} on the epoll transport, level-triggered. */
class EpollBackpressureIT extends BackpressureIT {

  @Override
  Transport transport() {
    return EpollTransport.create(Trigger.LEVEL);
  }
}
