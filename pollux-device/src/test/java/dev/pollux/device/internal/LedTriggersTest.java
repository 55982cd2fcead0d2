package dev.pollux.device.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class LedTriggersTest {
  private static LedTriggers parse(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    return LedTriggers.parse(bytes, bytes.length);
  }

  @Test
  void theBracketedTriggerIsTheActiveOne() {
    assertThat(parse("none rc-feedback kbd-scrolllock [mmc0] heartbeat\n"))
        .isEqualTo(
            new LedTriggers(
                "mmc0", List.of("none", "rc-feedback", "kbd-scrolllock", "mmc0", "heartbeat")));
    assertThat(parse("[none] timer\n"))
        .isEqualTo(new LedTriggers("none", List.of("none", "timer")));
  }

  @Test
  void aSingleNameWithoutBracketsIsActive() {
    assertThat(parse("heartbeat\n")).isEqualTo(new LedTriggers("heartbeat", List.of("heartbeat")));
  }

  @Test
  void aListWithoutBracketsHasNoActiveTrigger() {
    assertThat(parse("none timer")).isEqualTo(new LedTriggers(null, List.of("none", "timer")));
    assertThat(parse("")).isEqualTo(new LedTriggers(null, List.of()));
    assertThat(parse("[] x")).isEqualTo(new LedTriggers(null, List.of("[]", "x")));
  }
}
