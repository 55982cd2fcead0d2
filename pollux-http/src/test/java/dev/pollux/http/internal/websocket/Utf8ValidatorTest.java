package dev.pollux.http.internal.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link Utf8Validator}: the table of Autobahn 6.x, whole and split at every byte. */
class Utf8ValidatorTest {

  @ParameterizedTest(name = "{0} valid={1}")
  @CsvSource({
    "'', true",
    "48656c6c6f, true",
    "cebae1bdb9cf83cebcceb5, true", // κόσμε
    "e282ac, true",
    "f0908080, true",
    "f48fbfbf, true",
    "efbfbf, true",
    "c0af, false", // overlong /
    "e080af, false",
    "f08080af, false",
    "eda080, false", // surrogate
    "edbfbf, false",
    "f4908080, false", // above U+10FFFF
    "f5808080, false",
    "80, false",
    "bf, false",
    "c2, false", // cut short
    "e282, false",
    "fe, false",
    "ff, false",
    "cebae1bdb9cf83cebcceb5eda080656469746564, false",
  })
  void validatesWholeAndSplit(String hex, boolean valid) {
    byte[] bytes = HexFormat.of().parseHex(hex);
    assertThat(Utf8Validator.isValid(bytes)).as("whole %s", hex).isEqualTo(valid);
    for (int cut = 0; cut <= bytes.length; cut++) {
      Utf8Validator v = new Utf8Validator();
      boolean ok = v.feed(bytes, 0, cut) && v.feed(bytes, cut, bytes.length - cut) && v.complete();
      assertThat(ok).as("%s split at %d", hex, cut).isEqualTo(valid);
    }
  }

  @ParameterizedTest(name = "U+{0}")
  @CsvSource({"0", "7f", "80", "7ff", "800", "d7ff", "e000", "fffd", "10000", "10ffff"})
  void acceptsEveryEncodedCodePointBoundary(String codePoint) {
    String s = Character.toString(Integer.parseInt(codePoint, 16));
    assertThat(Utf8Validator.isValid(s.getBytes(StandardCharsets.UTF_8)))
        .as("U+%s", codePoint)
        .isTrue();
  }
}
