package dev.pollux.epoll;

import dev.pollux.testing.Layer;
import org.junit.jupiter.api.Test;

class LayeringTest {
  @Test
  void epollImportsOnlyTheLoop() {
    Layer.EPOLL.assertRespected();
  }

  @Test
  void usesNoOtherModulesInternals() {
    Layer.EPOLL.assertNoForeignInternals();
  }
}
