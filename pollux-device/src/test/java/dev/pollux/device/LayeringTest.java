package dev.pollux.device;

import dev.pollux.testing.Layer;
import org.junit.jupiter.api.Test;

class LayeringTest {
  @Test
  void importsOnlyTheLayersBelow() {
    Layer.DEVICE.assertRespected();
  }

  @Test
  void usesNoOtherModulesInternals() {
    Layer.DEVICE.assertNoForeignInternals();
  }
}
