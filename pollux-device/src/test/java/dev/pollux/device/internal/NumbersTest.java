package dev.pollux.device.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NumbersTest {
  private static byte[] bytes(String s) {
    return s.replace("\\n", "\n").getBytes(StandardCharsets.US_ASCII);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {"45000\\n|45000", "-5000\\n|-5000", "0|0", "  17 \\n|17", "+3|3"})
  void parsesIntegers(String input, long expected) throws ReadFailure {
    byte[] b = bytes(input);
    assertThat(Numbers.parseLong(b, 0, b.length)).as("parseLong(%s)", input).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "''|EMPTY",
        "\\n|EMPTY",
        "abc|GARBAGE",
        "12a|GARBAGE",
        "-|GARBAGE",
        "1234567890123456789|GARBAGE"
      })
  void rejectsBadIntegers(String input, ReadError expected) {
    byte[] b = bytes(input);
    assertThatThrownBy(() -> Numbers.parseLong(b, 0, b.length))
        .as("parseLong(%s)", input)
        .isInstanceOfSatisfying(ReadFailure.class, f -> assertThat(f.error()).isEqualTo(expected));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {"0.52 0.58|0.52", "12345.67 2|12345.67", "3|3", "-1.5|-1.5", " 7.25\\n|7.25"})
  void parsesDecimalsUpToTheFirstSpace(String input, double expected) throws ReadFailure {
    byte[] b = bytes(input);
    assertThat(Numbers.parseDecimal(b, 0, b.length))
        .as("parseDecimal(%s)", input)
        .isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {"''|EMPTY", "1.2.3|GARBAGE", ".|GARBAGE", "x|GARBAGE"})
  void rejectsBadDecimals(String input, ReadError expected) {
    byte[] b = bytes(input);
    assertThatThrownBy(() -> Numbers.parseDecimal(b, 0, b.length))
        .as("parseDecimal(%s)", input)
        .isInstanceOfSatisfying(ReadFailure.class, f -> assertThat(f.error()).isEqualTo(expected));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "50005\\n|327685",
        "0\\n|0",
        "0x80000|524288",
        "  eF |239",
        "7fffffffffffffff|GARBAGE"
      })
  void parsesHexadecimalMasks(String input, String expected) throws ReadFailure {
    byte[] b = bytes(input);
    if (expected.equals("GARBAGE")) {
      assertThatThrownBy(() -> Numbers.parseHex(b, 0, b.length))
          .as("parseHex(%s)", input)
          .isInstanceOfSatisfying(
              ReadFailure.class, f -> assertThat(f.error()).isEqualTo(ReadError.GARBAGE));
      return;
    }
    assertThat(Numbers.parseHex(b, 0, b.length))
        .as("parseHex(%s)", input)
        .isEqualTo(Long.parseLong(expected));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {"''|EMPTY", "0x|GARBAGE", "12g|GARBAGE", "-1|GARBAGE"})
  void rejectsBadHexadecimals(String input, ReadError expected) {
    byte[] b = bytes(input);
    assertThatThrownBy(() -> Numbers.parseHex(b, 0, b.length))
        .as("parseHex(%s)", input)
        .isInstanceOfSatisfying(ReadFailure.class, f -> assertThat(f.error()).isEqualTo(expected));
  }
}
