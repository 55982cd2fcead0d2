package dev.pollux.server.cli;

import dev.pollux.gpio.Bias;
import dev.pollux.gpio.Direction;
import dev.pollux.gpio.Edge;
import dev.pollux.gpio.GpioChips;
import dev.pollux.gpio.LineSettings;
import dev.pollux.gpio.LineSpec;
import java.time.Duration;

/**
 * Parses a GPIO line option: {@code door=gpiochip0:GPIO17,edge=both,bias=pull-up,debounce=10ms} for
 * {@code --gpio-input}, {@code relay=gpiochip0:27,initial=0} for {@code --gpio-output}. The line is
 * an offset or the chip's name for it; the name before {@code =} is the sensor's or actuator's id.
 */
final class GpioLineParser {

  static final String INPUT_SYNTAX =
      "NAME=CHIP:LINE[,edge=both|rising|falling|none][,bias=pull-up|pull-down|disabled|as-is]"
          + "[,active-low][,debounce=D]";
  static final String OUTPUT_SYNTAX =
      "NAME=CHIP:LINE[,initial=0|1][,bias=pull-up|pull-down|disabled|as-is][,active-low]";

  /** Names are ids: what sensor and actuator ids are made of. */
  private static final int MAX_NAME = 64;

  private GpioLineParser() {}

  /**
   * Parses one line's option value.
   *
   * @throws IllegalArgumentException saying what is wrong and what is expected
   */
  static LineSpec parse(String text, Direction direction) {
    String syntax = direction == Direction.INPUT ? INPUT_SYNTAX : OUTPUT_SYNTAX;
    int equals = text.indexOf('=');
    int colon = text.indexOf(':');
    int comma = text.indexOf(',');
    int lineEnd = comma < 0 ? text.length() : comma;
    if (equals <= 0 || colon < equals + 2 || colon + 1 >= lineEnd) {
      throw new IllegalArgumentException("'" + text + "': expected " + syntax);
    }
    String name = text.substring(0, equals);
    checkName(name, text);
    String chip = text.substring(equals + 1, colon);
    if (!GpioChips.isChipName(chip)) {
      throw new IllegalArgumentException(
          "'" + text + "': '" + chip + "' is not a chip name: expected gpiochipN");
    }
    String line = text.substring(colon + 1, lineEnd);
    Settings settings = new Settings(direction);
    int at = lineEnd;
    while (at < text.length()) {
      int next = text.indexOf(',', at + 1);
      int end = next < 0 ? text.length() : next;
      settings.apply(text.substring(at + 1, end), text, syntax);
      at = end;
    }
    return new LineSpec(name, chip, line, settings.build());
  }

  private static void checkName(String name, String text) {
    boolean ok = name.length() <= MAX_NAME;
    for (int i = 0; i < name.length() && ok; i++) {
      char c = name.charAt(i);
      ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    }
    if (!ok) {
      throw new IllegalArgumentException(
          "'" + text + "': the name '" + name + "' must be 1-64 of a-z, 0-9 and _ (it is an id)");
    }
  }

  /** The settings as the keys after the line give them. */
  private static final class Settings {
    private final Direction direction;
    private Edge edge;
    private Bias bias = Bias.AS_IS;
    private boolean activeLow;
    private Duration debounce = Duration.ZERO;
    private int initial;

    Settings(Direction direction) {
      this.direction = direction;
      this.edge = direction == Direction.INPUT ? Edge.BOTH : Edge.NONE;
    }

    void apply(String setting, String text, String syntax) {
      int equals = setting.indexOf('=');
      String key = equals < 0 ? setting : setting.substring(0, equals);
      String value = equals < 0 ? "" : setting.substring(equals + 1);
      boolean input = direction == Direction.INPUT;
      switch (key) {
        case "edge" -> edge = edge(input ? value : null, setting, text, syntax);
        case "bias" -> bias = bias(value, text);
        case "active-low" -> activeLow = flag(value, setting, text);
        case "debounce" -> {
          if (!input) {
            throw unknown(setting, text, syntax);
          }
          debounce = debounce(value, text);
        }
        case "initial" -> {
          if (input) {
            throw unknown(setting, text, syntax);
          }
          initial = initial(value, text);
        }
        default -> throw unknown(setting, text, syntax);
      }
    }

    LineSettings build() {
      return direction == Direction.INPUT
          ? LineSettings.input(edge, bias, activeLow, debounce)
          : LineSettings.output(bias, activeLow, initial);
    }

    /** An output has no edges: {@code value} is null for one. */
    private static Edge edge(String value, String setting, String text, String syntax) {
      if (value == null) {
        throw unknown(setting, text, syntax);
      }
      return switch (value) {
        case "both" -> Edge.BOTH;
        case "rising" -> Edge.RISING;
        case "falling" -> Edge.FALLING;
        case "none" -> Edge.NONE;
        default ->
            throw new IllegalArgumentException(
                "'" + text + "': edge must be both, rising, falling or none");
      };
    }

    private static Bias bias(String value, String text) {
      return switch (value) {
        case "pull-up" -> Bias.PULL_UP;
        case "pull-down" -> Bias.PULL_DOWN;
        case "disabled" -> Bias.DISABLED;
        case "as-is" -> Bias.AS_IS;
        default ->
            throw new IllegalArgumentException(
                "'" + text + "': bias must be pull-up, pull-down, disabled or as-is");
      };
    }

    private static boolean flag(String value, String setting, String text) {
      return switch (value) {
        case "", "true" -> true;
        case "false" -> false;
        default ->
            throw new IllegalArgumentException(
                "'" + text + "': '" + setting + "': expected active-low or active-low=false");
      };
    }

    private static Duration debounce(String value, String text) {
      Duration duration = Durations.parse(value);
      if (duration.compareTo(Duration.ofSeconds(1)) > 0) {
        throw new IllegalArgumentException(
            "'" + text + "': debounce must be at most 1s, got " + Durations.format(duration));
      }
      return duration;
    }

    private static int initial(String value, String text) {
      return switch (value) {
        case "0" -> 0;
        case "1" -> 1;
        default -> throw new IllegalArgumentException("'" + text + "': initial must be 0 or 1");
      };
    }

    private static IllegalArgumentException unknown(String setting, String text, String syntax) {
      return new IllegalArgumentException(
          "'" + text + "': unknown setting '" + setting + "': expected " + syntax);
    }
  }
}
