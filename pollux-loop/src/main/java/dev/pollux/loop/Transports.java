package dev.pollux.loop;

import java.util.List;
import java.util.Locale;

/**
 * The transports of this module by the name {@code --io} gives them: {@code nio}, {@code poll},
 * {@code threads} and {@code virtual}. The native {@code epoll} transport lives in module {@code
 * pollux-epoll}, which this one does not know.
 */
public final class Transports {

  private static final List<String> NAMES = List.of("nio", "poll", "threads", "virtual");

  private Transports() {}

  /** The names {@link #byName} knows, in the order the documentation lists them. */
  public static List<String> names() {
    return NAMES;
  }

  /**
   * The transport called {@code name} (case-insensitive).
   *
   * @throws IllegalArgumentException naming the accepted names when there is none of that name
   * @throws UnsupportedOperationException when the model cannot run in this JVM (see {@link
   *     NioTransport#poll()})
   */
  public static Transport byName(String name) {
    return switch (name.strip().toLowerCase(Locale.ROOT)) {
      case "nio" -> NioTransport.standard();
      case "poll" -> NioTransport.poll();
      case "threads" -> BlockingTransport.threads();
      case "virtual" -> BlockingTransport.virtual();
      default ->
          throw new IllegalArgumentException(
              "no transport '" + name + "' in pollux-loop: expected one of " + NAMES);
    };
  }
}
