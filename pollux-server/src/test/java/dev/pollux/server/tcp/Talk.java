package dev.pollux.server.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pollux.testing.net.RawClient;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Conversations with the TCP protocol for the ITs: a line and its reply, a block up to {@code .}.
 */
final class Talk {

  /** A line of {@code watch}: {@code <ISO-8601 time> <id> <value>}. */
  static final Pattern WATCH_LINE = Pattern.compile("(\\S+) ([a-z0-9_]+) (\\S+)");

  /** Lines a test reads at most while it waits for one in particular. */
  static final int MAX_LINES = 10_000;

  private Talk() {}

  /** Sends {@code line} with a {@code \n} and returns the one-line reply. */
  static String ask(RawClient client, String line) throws IOException {
    client.write(line + "\n");
    return client.readLine();
  }

  /** Sends {@code line} and returns the lines of the reply before its final {@code .}. */
  static List<String> askBlock(RawClient client, String line) throws IOException {
    client.write(line + "\n");
    return readBlock(client);
  }

  /** Reads lines up to a line {@code .}, which is not returned. */
  static List<String> readBlock(RawClient client) throws IOException {
    List<String> lines = new ArrayList<>();
    for (String next = client.readLine(); !next.equals("."); next = client.readLine()) {
      lines.add(next);
      assertThat(lines).as("a block that never ends with '.'").hasSizeLessThan(MAX_LINES);
    }
    return lines;
  }

  /**
   * Reads lines until one matches {@code wanted} and returns every line read, that one last; fails
   * after {@link #MAX_LINES} lines or the client's deadline.
   */
  static List<String> readUntil(RawClient client, Predicate<String> wanted, String what)
      throws IOException {
    List<String> lines = new ArrayList<>();
    while (lines.size() < MAX_LINES) {
      String line = client.readLine();
      lines.add(line);
      if (wanted.test(line)) {
        return lines;
      }
    }
    throw new AssertionError(
        "expected " + what + " within " + MAX_LINES + " lines; the last: " + lines.getLast());
  }

  /** A watch line taken apart; fails if {@code line} is not one. */
  static WatchLine watchLine(String line) {
    Matcher m = WATCH_LINE.matcher(line);
    assertThat(m.matches())
        .as("a watch line '<ISO-8601 time> <id> <value>', got '%s'", line)
        .isTrue();
    return new WatchLine(Instant.parse(m.group(1)), m.group(2), m.group(3));
  }

  /** Whether {@code line} is a watch line of {@code id} with {@code value}. */
  static boolean isWatchOf(String line, String id, String value) {
    Matcher m = WATCH_LINE.matcher(line);
    return m.matches() && m.group(2).equals(id) && m.group(3).equals(value);
  }

  /** One line of {@code watch}. */
  record WatchLine(Instant at, String id, String value) {}
}
