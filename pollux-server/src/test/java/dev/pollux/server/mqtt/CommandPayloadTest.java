package dev.pollux.server.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CommandPayloadTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      nullValues = "null",
      quoteCharacter = '"',
      value = {
        "128|128",
        "0|0",
        "\" 7 \"|7",
        "-1|-1",
        "+5|5",
        "2147483647|2147483647",
        "2147483648|null",
        "-2147483648|-2147483648",
        "99999999999|null",
        "1.5|null",
        "1e3|null",
        "abc|null",
        "\"1 2\"|null",
        "-|null",
        "{\"value\": 128}|128",
        "{\"value\": 3.0}|3",
        "{\"value\": 3.5}|null",
        "{\"value\": \"3\"}|null",
        "{\"value\": 99999999999999999999999}|null",
        "{\"value\": 1, \"x\": 2}|null",
        "{\"other\": 1}|null",
        "{\"value\": 1|null",
        "[1]|null",
      })
  void acceptsAnIntegerOrTheJsonOfTheHttpApi(String payload, Integer expected) {
    assertThat(CommandPayload.parse(payload.getBytes(StandardCharsets.UTF_8)))
        .as("parse(%s)", payload)
        .isEqualTo(expected);
  }

  @Test
  void refusesEmptyAndOversizedPayloads() {
    assertThat(CommandPayload.parse(new byte[0])).isNull();
    byte[] big = new byte[CommandPayload.MAX_BYTES + 1];
    Arrays.fill(big, (byte) '1');
    assertThat(CommandPayload.parse(big)).isNull();
  }

  @Test
  void refusesBytesThatAreNotUtf8Digits() {
    assertThat(CommandPayload.parse(new byte[] {(byte) 0xff, '1'})).isNull();
  }
}
