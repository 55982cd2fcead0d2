package dev.pollux.server.cli;

import dev.pollux.server.logging.PrintableSample;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/**
 * Supplies each option's value when no flag gives it: {@code POLLUX_HTTP_PORT} from the environment
 * first, then {@code http-port = 8081} from the config file, else the built-in default.
 *
 * <p>The config file is the one named by {@code --config} (or {@code POLLUX_CONFIG}): lines of
 * {@code option = value}, {@code #} comments and blank lines. A key that is no option, or a file
 * that cannot be read, is a usage error naming the file.
 */
final class SourcedDefaults implements CommandLine.IDefaultValueProvider {

  private static final Set<String> NOT_CONFIGURABLE = Set.of("config", "help", "version");

  /** How every message about one option's value names it, picocli's and this project's alike. */
  private static final Pattern NAMED_OPTION = Pattern.compile("option '--([a-z0-9-]+)'");

  /** A value of the config file, and where it stands there ({@code FILE line N}). */
  private record FileValue(String value, String origin) {}

  private final Map<String, String> env;
  private final Map<String, FileValue> file;

  private SourcedDefaults(Map<String, String> env, Map<String, FileValue> file) {
    this.env = env;
    this.file = file;
  }

  static SourcedDefaults load(List<String> args, Map<String, String> env, CommandLine commandLine) {
    String configPath = configPath(args, env);
    if (configPath == null) {
      return new SourcedDefaults(env, Map.of());
    }
    Set<String> known =
        commandLine.getCommandSpec().options().stream()
            .map(SourcedDefaults::key)
            .filter(key -> !NOT_CONFIGURABLE.contains(key))
            .collect(Collectors.toSet());
    return new SourcedDefaults(env, readFile(Path.of(configPath), known, commandLine));
  }

  /**
   * Where the value came from that {@code message} complains about, when it names one option
   * (picocli's way: {@code option '--http-port'}) that {@code args} did not give: {@code " (from
   * POLLUX_HTTP_PORT)"} or {@code " (from /etc/pollux.conf line 3)"}; else {@code ""}. A user who
   * set the value in a unit's environment or a config file would look for it on the command line.
   */
  String origin(String message, List<String> args) {
    Matcher named = NAMED_OPTION.matcher(message == null ? "" : message);
    if (!named.find()) {
      return "";
    }
    String key = named.group(1);
    String flag = "--" + key;
    if (args.stream().anyMatch(arg -> arg.equals(flag) || arg.startsWith(flag + "="))) {
      return "";
    }
    if (env.containsKey(envName(key))) {
      return " (from " + envName(key) + ")";
    }
    FileValue fromFile = file.get(key);
    return fromFile == null ? "" : " (from " + fromFile.origin() + ")";
  }

  @Override
  public String defaultValue(ArgSpec argument) {
    if (!(argument instanceof OptionSpec option)) {
      return null;
    }
    String key = key(option);
    if (NOT_CONFIGURABLE.contains(key)) {
      return null;
    }
    String fromEnv = env.get(envName(key));
    if (fromEnv != null) {
      return fromEnv;
    }
    FileValue fromFile = file.get(key);
    return fromFile == null ? null : fromFile.value();
  }

  /** The environment variable of an option, e.g. {@code POLLUX_HTTP_PORT} for {@code http-port}. */
  static String envName(String key) {
    return "POLLUX_" + key.toUpperCase(Locale.ROOT).replace('-', '_');
  }

  private static String key(OptionSpec option) {
    return option.longestName().replaceFirst("^-+", "");
  }

  private static String configPath(List<String> args, Map<String, String> env) {
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.equals("--config") && i + 1 < args.size()) {
        return args.get(i + 1);
      }
      if (arg.startsWith("--config=")) {
        return arg.substring("--config=".length());
      }
    }
    return env.get(envName("config"));
  }

  /** "unknown option 'htp-port'; did you mean 'http-port'?", the key cut and made printable. */
  static String unknownKey(Path path, int line, String key, Set<String> known) {
    String shown = PrintableSample.of(key.startsWith("--") ? key.substring(2) : key, 40);
    String message = path + " line " + line + ": unknown option '" + shown + "'";
    String nearest =
        key.startsWith("--") && known.contains(key.substring(2)) ? key.substring(2) : null;
    if (nearest == null) {
      int best = Integer.MAX_VALUE;
      for (String candidate : new TreeSet<>(known)) {
        int distance = EditDistance.between(key, candidate);
        if (distance < best) {
          best = distance;
          nearest = candidate;
        }
      }
      // A suggestion farther than a third of the key is noise ("colour" is no option's typo).
      if (best > Math.max(2, key.length() / 3)) {
        nearest = null;
      }
    }
    return nearest == null
        ? message + ": expected one of the options of --help without '--', e.g. 'http-port = 8081'"
        : message + "; did you mean '" + nearest + "'?";
  }

  private static Map<String, FileValue> readFile(
      Path path, Set<String> known, CommandLine commandLine) {
    List<String> lines;
    try {
      lines = Files.readAllLines(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ParameterException(
          commandLine,
          "Invalid value for option '--config': cannot read "
              + path
              + " ("
              + FileErrors.describe(e)
              + ")");
    }
    Map<String, FileValue> values = new HashMap<>();
    for (int n = 0; n < lines.size(); n++) {
      String line = lines.get(n).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int equals = line.indexOf('=');
      String key = equals < 0 ? "" : line.substring(0, equals).strip();
      if (equals < 0) {
        throw new ParameterException(
            commandLine,
            path
                + " line "
                + (n + 1)
                + ": expected 'option = value' with one of the options of --help (without"
                + " '--'), e.g. 'http-port = 8081'");
      }
      if (!known.contains(key)) {
        throw new ParameterException(commandLine, unknownKey(path, n + 1, key, known));
      }
      values.put(key, new FileValue(line.substring(equals + 1).strip(), path + " line " + (n + 1)));
    }
    return values;
  }
}
