package dev.pollux.loop;

import dev.pollux.epoll.EpollTransport;
import dev.pollux.epoll.EpollTransport.Trigger;

/** {@link ShutdownIT} on the epoll transport, level-triggered. */
class EpollShutdownIT extends ShutdownIT {

  @Override
  Transport transport() {
    return EpollTransport.create(Trigger.LEVEL);
  }
}
