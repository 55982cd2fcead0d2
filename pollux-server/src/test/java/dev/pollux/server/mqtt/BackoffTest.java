package dev.pollux.server.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BackoffTest {

  private static final Duration SECOND = Duration.ofSeconds(1);
  private static final Duration MINUTE = Duration.ofSeconds(60);

  @Test
  void doublesFromTheFirstDelayUpToTheMaximumWithoutJitterAtTheMidpoint() {
    Backoff backoff = new Backoff(SECOND, MINUTE, () -> 0.5);

    List<Long> seconds = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      seconds.add(backoff.next().toSeconds());
    }

    assertThat(seconds).containsExactly(1L, 2L, 4L, 8L, 16L, 32L, 60L, 60L, 60L);
  }

  @Test
  void resetStartsOverAtTheFirstDelay() {
    Backoff backoff = new Backoff(SECOND, MINUTE, () -> 0.5);
    backoff.next();
    backoff.next();

    backoff.reset();

    assertThat(backoff.next()).isEqualTo(SECOND);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 42, 1234, 987654321})
  void everyDelayIsWithinTwentyPercentOfItsNominalValue(long seed) {
    Random random = new Random(seed);
    Backoff backoff = new Backoff(SECOND, MINUTE, random::nextDouble);
    long nominalMillis = 1000;
    for (int i = 0; i < 20; i++) {
      long millis = backoff.next().toMillis();
      assertThat(millis)
          .as("seed %d, attempt %d: next() with nominal %d ms", seed, i, nominalMillis)
          .isBetween(Math.round(nominalMillis * 0.8) - 1, Math.round(nominalMillis * 1.2) + 1);
      nominalMillis = Math.min(nominalMillis * 2, 60_000);
    }
  }

  @Test
  void jitterSpreadsTheDelays() {
    Backoff low = new Backoff(SECOND, MINUTE, () -> 0.0);
    Backoff high = new Backoff(SECOND, MINUTE, () -> 0.999_999);

    assertThat(low.next()).isEqualTo(Duration.ofMillis(800));
    assertThat(high.next().toMillis()).isBetween(1199L, 1200L);
  }

  @Test
  void refusesAMaximumBelowTheFirstDelay() {
    assertThatThrownBy(() -> new Backoff(MINUTE, SECOND, () -> 0.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("initial <= max");
  }
}
