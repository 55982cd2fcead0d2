package dev.pollux.gpio;

import dev.pollux.testing.Layer;
import org.junit.jupiter.api.Test;

class LayeringTest {
  @Test
  void gpioImportsNoOtherLayer() {
    Layer.GPIO.assertRespected();
  }

  @Test
  void usesNoOtherModulesInternals() {
    Layer.GPIO.assertNoForeignInternals();
  }
}
