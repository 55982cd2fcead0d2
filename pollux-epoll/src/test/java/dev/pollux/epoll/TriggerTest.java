package dev.pollux.epoll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pollux.epoll.EpollTransport.Trigger;
import org.junit.jupiter.api.Test;

class TriggerTest {

  @Test
  void parsesLevelAndEdgeInAnyCase() {
    assertThat(Trigger.parse("level")).as("parse(\"level\")").isEqualTo(Trigger.LEVEL);
    assertThat(Trigger.parse(" EDGE ")).as("parse(\" EDGE \")").isEqualTo(Trigger.EDGE);
  }

  @Test
  void rejectsAnythingElseNamingTheProperty() {
    assertThatThrownBy(() -> Trigger.parse("edgy"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("pollux.epoll.trigger is 'edgy': expected level or edge");
  }
}
