package dev.pollux.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link Durations#parse}: ASCII digits and the five units, nothing else. */
class DurationsTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "250ms, 250",
    "1s, 1000",
    "5m, 300000",
    "1h, 3600000",
    "1d, 86400000",
    "1m30s, 90000"
  })
  void parsesDigitsAndUnits(String text, long millis) {
    assertThat(Durations.parse(text)).isEqualTo(Duration.ofMillis(millis));
  }

  /**
   * Other scripts' digits are no digits here: {@code ٣s} (U+0663, Arabic-Indic three; the query's
   * {@code %D9%A3s}) was read as 1 587 s through {@code Character.isDigit} and {@code c - '0'}.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"\u0663s", "1\u0663s", "\u0967m", "\uFF15s", "\uD835\uDFD3s", "5\u00B2s"})
  void refusesDigitsOtherThanAscii(String text) {
    assertThatThrownBy(() -> Durations.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not a duration");
  }
}
