package dev.pollux.loop;

import dev.pollux.epoll.EpollTransport;
import dev.pollux.epoll.EpollTransport.Trigger;

/** {@link MemoryBudgetIT} on the epoll transport, edge-triggered. */
class EpollEdgeMemoryBudgetIT extends MemoryBudgetIT {

  @Override
  Transport transport() {
    return EpollTransport.create(Trigger.EDGE);
  }
}
