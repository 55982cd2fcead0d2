package dev.pollux.loop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pollux.epoll.EpollTransport;
import org.junit.jupiter.api.Test;

/** {@link EventLoopIT} on the epoll transport. */
class EpollEventLoopIT extends EventLoopIT {

  @Override
  Transport transport() {
    return EpollTransport.create();
  }

  /** Replaces the inherited test, which names the nio transport. */
  @Override
  @Test
  void theGroupSpreadsRoundRobinAndCountsIterations() {
    assertThat(group.size()).isEqualTo(2);
    EventLoop first = group.next();
    EventLoop second = group.next();
    assertThat(first).isNotSameAs(second);
    assertThat(group.next()).isSameAs(first);
    assertThat(first.name()).matches("pollux-epoll-[01]");
    assertThat(group.transport().name()).isEqualTo("epoll");
  }
}
