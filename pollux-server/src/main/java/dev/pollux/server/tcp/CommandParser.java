package dev.pollux.server.tcp;

import dev.pollux.server.cli.Durations;
import dev.pollux.server.logging.PrintableSample;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Parses one line of the TCP protocol into a {@link Command}, e.g. {@code watch all 5s}. */
final class CommandParser {

  /**
   * The shortest watch period, the same floor as {@code --interval}'s. Lines follow samples, so a
   * period shorter than the sampling interval costs nothing more: it gives one line per new sample,
   * never a repeated one.
   */
  static final Duration MIN_WATCH_PERIOD = Duration.ofMillis(10);

  static final Duration MAX_WATCH_PERIOD = Duration.ofDays(1);

  /** The longest command word echoed back in {@code ERR unknown command '<word>'}. */
  static final int MAX_ECHOED_WORD = 32;

  private CommandParser() {}

  static Command parse(String line) {
    List<String> words = words(line);
    if (words.isEmpty()) {
      return new Command.Temp();
    }
    String verb = words.get(0).toLowerCase(Locale.ROOT);
    int arguments = words.size() - 1;
    return switch (verb) {
      case "temp" -> noArguments(verb, arguments, new Command.Temp());
      case "list" -> noArguments(verb, arguments, new Command.ListAll());
      case "stop" -> noArguments(verb, arguments, new Command.Stop());
      case "info" -> noArguments(verb, arguments, new Command.DeviceInfo());
      case "help" -> noArguments(verb, arguments, new Command.Help());
      case "quit" -> noArguments(verb, arguments, new Command.Quit());
      case "get" -> arguments == 1 ? new Command.Get(words.get(1)) : usage("get <id>");
      case "auth" -> arguments == 1 ? new Command.Auth(words.get(1)) : usage("auth <token>");
      case "set" -> set(words);
      case "watch" -> watch(words);
      default -> new Command.Invalid("ERR unknown command '" + printable(words.get(0)) + "'");
    };
  }

  private static Command set(List<String> words) {
    if (words.size() == 3 && words.get(2).equalsIgnoreCase("trigger")) {
      return usage("set <led> trigger <name>");
    }
    if (words.size() == 3) {
      return new Command.SetActuator(words.get(1), words.get(2));
    }
    if (words.size() == 4 && words.get(2).equalsIgnoreCase("trigger")) {
      return new Command.SetTrigger(words.get(1), words.get(3));
    }
    return usage("set <actuator> <value> | set <led> trigger <name>");
  }

  private static Command watch(List<String> words) {
    if (words.size() < 2 || words.size() > 3) {
      return usage("watch <id>|all [D]");
    }
    if (words.size() == 2) {
      return new Command.Watch(words.get(1), null);
    }
    Duration every;
    try {
      every = Durations.parse(words.get(2));
    } catch (IllegalArgumentException e) {
      return new Command.Invalid("ERR bad duration: expected e.g. 500ms, 1s, 5m");
    }
    if (every.compareTo(MIN_WATCH_PERIOD) < 0 || every.compareTo(MAX_WATCH_PERIOD) > 0) {
      return new Command.Invalid("ERR bad duration: expected 10ms to 1d");
    }
    return new Command.Watch(words.get(1), every);
  }

  private static Command noArguments(String verb, int arguments, Command command) {
    return arguments == 0 ? command : usage(verb);
  }

  private static Command usage(String synopsis) {
    return new Command.Invalid("ERR usage: " + synopsis);
  }

  private static List<String> words(String line) {
    List<String> words = new ArrayList<>(3);
    int i = 0;
    int n = line.length();
    while (i < n) {
      while (i < n && isSpace(line.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < n && !isSpace(line.charAt(i))) {
        i++;
      }
      if (start < i) {
        words.add(line.substring(start, i));
      }
    }
    return words;
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\r';
  }

  /** The unknown word as the protocol echoes it: printable, at most {@link #MAX_ECHOED_WORD}. */
  static String printable(String word) {
    return PrintableSample.of(word, MAX_ECHOED_WORD);
  }
}
