package dev.pollux.loop;

import dev.pollux.testing.Layer;
import org.junit.jupiter.api.Test;

class LayeringTest {
  @Test
  void loopImportsNoOtherPolluxLayer() {
    Layer.LOOP.assertRespected();
  }

  @Test
  void usesNoOtherModulesInternals() {
    Layer.LOOP.assertNoForeignInternals();
  }
}
