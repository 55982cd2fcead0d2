package dev.pollux.server.cli;

import dev.pollux.gpio.Direction;
import dev.pollux.gpio.LineSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The GPIO options of the {@code pollux} command, a picocli mixin of {@link PolluxCommand}: {@code
 * --gpio-input door=gpiochip0:GPIO17,edge=both} and {@code --gpio-output relay=gpiochip0:27}, each
 * repeatable (or several lines separated by {@code ;}, as the environment and the config file give
 * them), resolved into {@link LineSpec}s. Whether the chips and lines exist is checked at start,
 * when they are requested.
 */
final class GpioOptions {

  @Option(
      names = "--gpio-input",
      paramLabel = "SPEC",
      split = ";",
      description = {
        "A GPIO input served as a 0/1 sensor; repeatable, or several separated by ';':",
        "  " + GpioLineParser.INPUT_SYNTAX,
        "  e.g. door=gpiochip0:GPIO17,edge=both,bias=pull-up,debounce=10ms",
        "LINE is an offset or the chip's name for the line (GET /api/v1/gpio lists them)."
      })
  List<String> inputs = new ArrayList<>();

  @Option(
      names = "--gpio-output",
      paramLabel = "SPEC",
      split = ";",
      description = {
        "A GPIO output served as a 0/1 actuator, held while Pollux runs; repeatable:",
        "  " + GpioLineParser.OUTPUT_SYNTAX,
        "  e.g. relay=gpiochip0:27,initial=0"
      })
  List<String> outputs = new ArrayList<>();

  /**
   * The configured lines, inputs first; bad syntax and a name or line given twice are usage errors.
   */
  List<LineSpec> resolve(CommandLine commandLine) {
    List<LineSpec> specs = new ArrayList<>();
    Map<String, String> optionByName = new HashMap<>();
    Map<String, String> nameByLine = new HashMap<>();
    add(commandLine, "--gpio-input", inputs, Direction.INPUT, specs, optionByName, nameByLine);
    add(commandLine, "--gpio-output", outputs, Direction.OUTPUT, specs, optionByName, nameByLine);
    return specs;
  }

  private static void add(
      CommandLine commandLine,
      String option,
      List<String> values,
      Direction direction,
      List<LineSpec> specs,
      Map<String, String> optionByName,
      Map<String, String> nameByLine) {
    for (String value : values) {
      String text = value.strip();
      if (text.isEmpty()) {
        continue; // "a;b;" in a config file
      }
      LineSpec spec;
      try {
        spec = GpioLineParser.parse(text, direction);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(
            commandLine, "Invalid value for option '" + option + "': " + e.getMessage());
      }
      String earlier = optionByName.putIfAbsent(spec.name(), option);
      if (earlier != null) {
        throw new ParameterException(
            commandLine,
            "Invalid value for option '"
                + option
                + "': the name '"
                + spec.name()
                + "' is already given to a line by "
                + earlier);
      }
      String line = spec.chip() + ":" + spec.line();
      String holder = nameByLine.putIfAbsent(line, spec.name());
      if (holder != null) {
        throw new ParameterException(
            commandLine,
            "Invalid value for option '"
                + option
                + "': line "
                + line
                + " is given twice ('"
                + holder
                + "' and '"
                + spec.name()
                + "')");
      }
      specs.add(spec);
    }
  }
}
