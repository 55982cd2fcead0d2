package dev.pollux.bench;

import dev.pollux.testing.Layer;
import org.junit.jupiter.api.Test;

class LayeringTest {
  @Test
  void importsOnlyPolluxLayers() {
    Layer.BENCH.assertRespected();
  }

  /** Only the HTTP codec, through {@code QualifiedExport.HTTP_CODEC_TO_BENCH}. */
  @Test
  void usesNoOtherModulesInternalsButTheHttpCodec() {
    Layer.BENCH.assertNoForeignInternals();
  }
}
