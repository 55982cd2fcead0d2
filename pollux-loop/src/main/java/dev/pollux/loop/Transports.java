package dev.pollux.loop;

import dev.pollux.loop.spi.TransportProvider;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Every transport by the name {@code --io} gives it: this module's {@code nio}, {@code poll},
 * {@code threads} and {@code virtual}, and those other modules provide through {@link
 * TransportProvider} (the FFM {@code epoll} of {@code pollux-epoll}, when it is on the class path).
 * The one place that turns a name into a transport, for the server, the benchmarks and the tests.
 */
public final class Transports {

  private static final List<String> OWN_NAMES = List.of("nio", "poll", "threads", "virtual");

  private Transports() {}

  /** The choice of {@link #auto()}: a transport, and why it is not a provided one, if it is not. */
  public record Choice(Transport transport, Optional<String> fallbackReason) {}

  /**
   * The names {@link #byName} knows: the providers' (alphabetically), then this module's in the
   * order the documentation lists them.
   */
  public static List<String> names() {
    List<String> names = new ArrayList<>();
    Providers.ALL.forEach(provider -> names.add(provider.name()));
    names.addAll(OWN_NAMES);
    return List.copyOf(names);
  }

  /**
   * The transport called {@code name} (case-insensitive).
   *
   * @throws IllegalArgumentException naming the accepted names when there is none of that name
   * @throws UnsupportedOperationException saying why, when the transport cannot run in this JVM
   */
  public static Transport byName(String name) {
    String wanted = name.strip().toLowerCase(Locale.ROOT);
    for (TransportProvider provider : Providers.ALL) {
      if (provider.name().equals(wanted)) {
        return provider.create();
      }
    }
    return switch (wanted) {
      case "nio" -> NioTransport.standard();
      case "poll" -> NioTransport.poll();
      case "threads" -> BlockingTransport.threads();
      case "virtual" -> BlockingTransport.virtual();
      default ->
          throw new IllegalArgumentException(
              "no transport '" + name + "': expected one of " + String.join(", ", names()));
    };
  }

  /**
   * The best transport here: the first provided one that can run (a native transport does less work
   * per event than the JDK's selector), else {@code nio}, with the reason none could.
   */
  public static Choice auto() {
    List<String> reasons = new ArrayList<>();
    for (TransportProvider provider : Providers.ALL) {
      Optional<String> unavailable = provider.unavailableReason();
      if (unavailable.isEmpty()) {
        return new Choice(provider.create(), Optional.empty());
      }
      reasons.add(provider.name() + " is not available here: " + unavailable.get());
    }
    return new Choice(
        NioTransport.standard(),
        Optional.of(
            reasons.isEmpty()
                ? "no native transport is on the class path"
                : String.join("; ", reasons)));
  }

  /**
   * Starts finding out, on a short-lived background thread, whether each provided transport can run
   * in this JVM, so that a later {@link #auto()} or {@link #byName} finds the answer ready. The
   * epoll provider links its native bindings to answer, which is most of a server's start-up CPU
   * after the JVM's own: a program that calls this first overlaps it with its own start (the server
   * parses its options meanwhile). A program that then names {@code nio} has spent that work for
   * nothing.
   */
  public static void probeProvidersInBackground() {
    Thread.ofPlatform()
        .daemon(true)
        .name("pollux-transport-probe")
        .start(() -> Providers.ALL.forEach(TransportProvider::unavailableReason));
  }

  /** Loaded once, on first use, so that a program that names {@code nio} never scans the path. */
  private static final class Providers {
    static final List<TransportProvider> ALL = load();

    private static List<TransportProvider> load() {
      List<TransportProvider> providers = new ArrayList<>();
      ServiceLoader.load(TransportProvider.class, Transports.class.getClassLoader())
          .forEach(providers::add);
      providers.sort(Comparator.comparing(TransportProvider::name));
      return List.copyOf(providers);
    }
  }
}
