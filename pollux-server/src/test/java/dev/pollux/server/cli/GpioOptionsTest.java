package dev.pollux.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pollux.gpio.Bias;
import dev.pollux.gpio.Direction;
import dev.pollux.gpio.Edge;
import dev.pollux.gpio.LineSettings;
import dev.pollux.gpio.LineSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine.ParameterException;

class GpioOptionsTest {

  @TempDir Path dir;

  private static ServerConfig parse(String... args) {
    return PolluxCommand.parse(List.of(args), Map.of());
  }

  @Test
  void anInputWithEverySetting() {
    ServerConfig config =
        parse(
            "--gpio-input",
            "door=gpiochip0:GPIO17,edge=falling,bias=pull-up,active-low,debounce=10ms");
    assertThat(config.gpioLines())
        .containsExactly(
            new LineSpec(
                "door",
                "gpiochip0",
                "GPIO17",
                LineSettings.input(Edge.FALLING, Bias.PULL_UP, true, Duration.ofMillis(10))));
  }

  @Test
  void defaultsAreBothEdgesForAnInputAndZeroForAnOutput() {
    ServerConfig config =
        parse("--gpio-input", "door=gpiochip0:17", "--gpio-output", "relay=gpiochip1:3");
    assertThat(config.gpioLines()).hasSize(2);
    assertThat(config.gpioLines().get(0).settings().edge()).isEqualTo(Edge.BOTH);
    assertThat(config.gpioLines().get(0).offset()).isEqualTo(17);
    assertThat(config.gpioLines().get(1).settings())
        .isEqualTo(LineSettings.output(Bias.AS_IS, false, 0));
    assertThat(config.gpioLines().get(1).settings().direction()).isEqualTo(Direction.OUTPUT);
  }

  @Test
  void severalLinesComeFromTheEnvironmentAndTheConfigFile() throws IOException {
    ServerConfig fromEnv =
        PolluxCommand.parse(
            List.of(),
            Map.of("POLLUX_GPIO_INPUT", "door=gpiochip0:17;bell=gpiochip0:18,edge=rising"));
    assertThat(fromEnv.gpioLines()).extracting(LineSpec::name).containsExactly("door", "bell");
    Path file = dir.resolve("pollux.conf");
    Files.writeString(file, "gpio-output = relay=gpiochip0:27,initial=1; lamp=gpiochip0:22\n");
    ServerConfig fromFile = parse("--config", file.toString());
    assertThat(fromFile.gpioLines()).extracting(LineSpec::name).containsExactly("relay", "lamp");
    assertThat(fromFile.gpioLines().getFirst().settings().initialValue()).isEqualTo(1);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "--gpio-input|door|'door': expected NAME=CHIP:LINE",
        "--gpio-input|door=gpiochip0|'door=gpiochip0': expected NAME=CHIP:LINE",
        "--gpio-input|Door=gpiochip0:17|the name 'Door' must be 1-64 of a-z, 0-9 and _",
        "--gpio-input|door=chip0:17|'chip0' is not a chip name: expected gpiochipN",
        "--gpio-input|door=gpiochip0:17,edge=up|edge must be both, rising, falling or none",
        "--gpio-input|door=gpiochip0:17,bias=strong|bias must be pull-up, pull-down, disabled",
        "--gpio-input|door=gpiochip0:17,debounce=2s|debounce must be at most 1s, got 2s",
        "--gpio-input|door=gpiochip0:17,initial=1|unknown setting 'initial=1'",
        "--gpio-output|relay=gpiochip0:27,edge=both|unknown setting 'edge=both'",
        "--gpio-output|relay=gpiochip0:27,initial=2|initial must be 0 or 1",
      })
  void badSyntaxIsAUsageErrorNamingTheOption(String option, String value, String message) {
    assertThatThrownBy(() -> parse(option, value))
        .isInstanceOf(ParameterException.class)
        .hasMessageStartingWith("Invalid value for option '" + option + "': ")
        .hasMessageContaining(message);
  }

  @Test
  void aNameGivenTwiceIsAUsageError() {
    assertThatThrownBy(
            () -> parse("--gpio-input", "door=gpiochip0:17", "--gpio-output", "door=gpiochip0:27"))
        .isInstanceOf(ParameterException.class)
        .hasMessage(
            "Invalid value for option '--gpio-output': the name 'door' is already given to a line"
                + " by --gpio-input");
  }

  @Test
  void aLineGivenTwiceIsAUsageError() {
    assertThatThrownBy(
            () -> parse("--gpio-input", "door=gpiochip0:17", "--gpio-input", "bell=gpiochip0:17"))
        .isInstanceOf(ParameterException.class)
        .hasMessage(
            "Invalid value for option '--gpio-input': line gpiochip0:17 is given twice ('door'"
                + " and 'bell')");
  }

  @Test
  void helpShowsTheGpioOptionsWithAnExample() {
    String usage = PolluxCommand.commandLine(List.of(), Map.of()).getUsageMessage();
    assertThat(usage)
        .contains("--gpio-input=SPEC")
        .contains("--gpio-output=SPEC")
        .contains("e.g. door=gpiochip0:GPIO17,edge=both,")
        .contains("relay=gpiochip0:27,initial=0");
  }
}
