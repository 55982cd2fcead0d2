package dev.pollux.loop;

import dev.pollux.epoll.EpollTransport;
import dev.pollux.epoll.EpollTransport.Trigger;

/** {@link FatalErrorIT} on the epoll transport, level-triggered. */
class EpollFatalErrorIT extends FatalErrorIT {

  @Override
  Transport transport() {
    return EpollTransport.create(Trigger.LEVEL);
  }
}
