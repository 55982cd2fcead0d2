package dev.pollux.server.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A test's reading of a text-format page: each sample line like {@code
 * node_hwmon_temp_celsius{chip="platform_coretemp_0",sensor="temp1"} 45} as a {@link Series}; the
 * {@code # HELP} and {@code # TYPE} lines by family name; other comments are skipped. Enough for
 * Pollux's and node_exporter's pages, not a full parser.
 */
record Exposition(List<Series> series, Map<String, String> help, Map<String, String> types) {

  /** One sample: the name, the labels sorted by name, and the value. */
  record Series(String name, Map<String, String> labels, double value) {
    /** {@code name{a="1",b="2"}}, labels in name order: the same for equal series. */
    String key() {
      StringBuilder key = new StringBuilder(name).append('{');
      labels.forEach((k, v) -> key.append(k).append("=\"").append(v).append("\","));
      return key.append('}').toString();
    }
  }

  static Exposition parse(String text) {
    List<Series> all = new ArrayList<>();
    Map<String, String> help = new TreeMap<>();
    Map<String, String> types = new TreeMap<>();
    for (String line : text.lines().toList()) {
      if (line.startsWith("# HELP ") || line.startsWith("# TYPE ")) {
        String rest = line.substring("# HELP ".length());
        int space = rest.indexOf(' ');
        (line.startsWith("# HELP ") ? help : types)
            .put(rest.substring(0, space), rest.substring(space + 1));
      } else if (!line.isBlank() && !line.startsWith("#")) {
        all.add(parseLine(line));
      }
    }
    return new Exposition(List.copyOf(all), help, types);
  }

  /** The series named {@code name}, in page order. */
  List<Series> named(String name) {
    return series.stream().filter(s -> s.name().equals(name)).toList();
  }

  /** The value of the one series {@code name} with exactly {@code labels}, or null. */
  Double value(String name, Map<String, String> labels) {
    for (Series s : series) {
      if (s.name().equals(name) && s.labels().equals(new TreeMap<>(labels))) {
        return s.value();
      }
    }
    return null;
  }

  private static Series parseLine(String line) {
    int brace = line.indexOf('{');
    int space = line.indexOf(' ');
    Map<String, String> labels = new TreeMap<>();
    String name;
    int rest;
    if (brace >= 0 && (space < 0 || brace < space)) {
      name = line.substring(0, brace);
      rest = parseLabels(line, brace + 1, labels);
    } else {
      name = line.substring(0, space);
      rest = space;
    }
    String fields = line.substring(rest).trim(); // the value, maybe then a timestamp
    int end = fields.indexOf(' ');
    return new Series(name, labels, parseValue(end < 0 ? fields : fields.substring(0, end)));
  }

  /** Parses {@code a="x",b="y"}} from {@code i}; returns the index after the closing brace. */
  private static int parseLabels(String line, int from, Map<String, String> labels) {
    int i = from;
    while (line.charAt(i) != '}') {
      int eq = line.indexOf('=', i);
      String key = line.substring(i, eq);
      StringBuilder value = new StringBuilder();
      int j = eq + 2; // after ="
      while (line.charAt(j) != '"') {
        char c = line.charAt(j);
        if (c == '\\') {
          j++;
          char escaped = line.charAt(j);
          value.append(escaped == 'n' ? '\n' : escaped);
        } else {
          value.append(c);
        }
        j++;
      }
      labels.put(key, value.toString());
      i = j + 1;
      if (line.charAt(i) == ',') {
        i++;
      }
    }
    return i + 1;
  }

  private static double parseValue(String text) {
    return switch (text) {
      case "NaN" -> Double.NaN;
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(text);
    };
  }
}
