package dev.pollux.http;

import dev.pollux.testing.Layer;
import org.junit.jupiter.api.Test;

class LayeringTest {
  @Test
  void importsOnlyTheLayersBelow() {
    Layer.HTTP.assertRespected();
  }

  @Test
  void usesNoOtherModulesInternals() {
    Layer.HTTP.assertNoForeignInternals();
  }
}
