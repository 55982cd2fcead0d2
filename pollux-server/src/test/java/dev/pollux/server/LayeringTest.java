package dev.pollux.server;

import dev.pollux.testing.Layer;
import org.junit.jupiter.api.Test;

class LayeringTest {
  @Test
  void importsOnlyTheLayersBelow() {
    Layer.SERVER.assertRespected();
  }

  @Test
  void usesNoOtherModulesInternals() {
    Layer.SERVER.assertNoForeignInternals();
  }
}
