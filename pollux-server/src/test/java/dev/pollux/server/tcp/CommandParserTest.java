package dev.pollux.server.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CommandParserTest {

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "temp", "TEMP", " Temp ", "temp\r"})
  void emptyLineAndTempAskForThePrimaryTemperature(String line) {
    assertThat(CommandParser.parse(line)).isEqualTo(new Command.Temp());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "list|ListAll[]",
        "LIST|ListAll[]",
        "stop|Stop[]",
        "info|DeviceInfo[]",
        "help|Help[]",
        "quit|Quit[]",
        "get thermal_zone0|Get[id=thermal_zone0]",
        "GET  Thermal_Zone0|Get[id=Thermal_Zone0]",
        "watch all|Watch[target=all, every=null]",
        "watch cpu_busy 5s|Watch[target=cpu_busy, every=PT5S]",
        "auth s3cr3t|Auth[token=s3cr3t]",
        "set led0 255|SetActuator[actuator=led0, value=255]",
        "Set\tled0\t1|SetActuator[actuator=led0, value=1]",
      })
  void parsesEveryCommandCaseInsensitively(String line, String expected) {
    assertThat(CommandParser.parse(line)).hasToString(expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "frobnicate|ERR unknown command 'frobnicate'",
        "frob nicate|ERR unknown command 'frob'",
        "it's|ERR unknown command 'it?s'",
        "get|ERR usage: get <id>",
        "get a b|ERR usage: get <id>",
        "set led0|\"ERR usage: set <actuator> <value> | set <led> trigger <name>\"",
        "set led0 brightness 3|\"ERR usage: set <actuator> <value> | set <led> trigger <name>\"",
        "auth|ERR usage: auth <token>",
        "list all|ERR usage: list",
        "watch|\"ERR usage: watch <id>|all [D]\"",
        "watch all soon|ERR bad duration: expected e.g. 500ms, 1s, 5m",
        "watch all 1ms|ERR bad duration: expected 10ms to 1d",
        "watch all 2d|ERR bad duration: expected 10ms to 1d",
      })
  void answersBadLinesWithAnErrLine(String line, String reply) {
    assertThat(CommandParser.parse(line)).isEqualTo(new Command.Invalid(reply));
  }

  @Test
  void parsesSetTriggerWithTheNameAsWritten() {
    assertThat(CommandParser.parse("SET led_act Trigger Heartbeat"))
        .isEqualTo(new Command.SetTrigger("led_act", "Heartbeat"));
  }

  @ParameterizedTest
  @ValueSource(ints = {33, 100, 4000})
  void cutsLongUnknownWordsInTheReply(int length) {
    Command command = CommandParser.parse("x".repeat(length));

    assertThat(command)
        .isEqualTo(new Command.Invalid("ERR unknown command '" + "x".repeat(32) + "...'"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"10ms", "100ms", "1s", "1d"})
  void acceptsWatchPeriodsWithinBounds(String period) {
    assertThat(CommandParser.parse("watch all " + period))
        .isInstanceOfSatisfying(
            Command.Watch.class,
            watch ->
                assertThat(watch.every()).isBetween(Duration.ofMillis(10), Duration.ofDays(1)));
  }
}
