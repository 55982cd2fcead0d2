package dev.pollux.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Without a provider on the class path (this module's tests have none), the loop's own four. */
class TransportsTest {

  @Test
  void knowsItsOwnTransportsByNameInAnyCase() {
    assertThat(Transports.names()).containsExactly("nio", "poll", "threads", "virtual");
    assertThat(Transports.byName(" NIO ").name()).isEqualTo("nio");
    assertThat(Transports.byName("virtual").name()).isEqualTo("virtual");
  }

  @Test
  void anUnknownNameListsTheKnownOnes() {
    assertThatThrownBy(() -> Transports.byName("epoll"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no transport 'epoll': expected one of nio, poll, threads, virtual");
  }

  @Test
  void autoFallsBackToNioAndSaysWhy() {
    Transports.Choice choice = Transports.auto();

    assertThat(choice.transport().name()).isEqualTo("nio");
    assertThat(choice.fallbackReason()).hasValue("no native transport is on the class path");
  }
}
