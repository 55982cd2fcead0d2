package dev.pollux.epoll;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pollux.loop.Transports;
import org.junit.jupiter.api.Test;

/** The epoll transport reaches every caller of {@link Transports} through its service file. */
class TransportProviderTest {

  @Test
  void isFoundByNameBesideTheLoopsOwnTransports() {
    assertThat(Transports.names()).containsExactly("epoll", "nio", "poll", "threads", "virtual");
    assertThat(Transports.byName("EPOLL")).isInstanceOf(EpollTransport.class);
  }

  @Test
  void isWhatAutoChoosesWhereItCanRun() {
    Transports.Choice choice = Transports.auto();

    assertThat(choice.transport()).isInstanceOf(EpollTransport.class);
    assertThat(choice.fallbackReason()).isEmpty();
  }
}
