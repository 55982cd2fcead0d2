package dev.pollux.server.cli;

import dev.pollux.gpio.Direction;
import dev.pollux.loop.HostPort;
import dev.pollux.server.StartupException;
import dev.pollux.server.StartupException.BindAddressUnresolved;
import dev.pollux.server.StartupException.BrokerRefused;
import dev.pollux.server.StartupException.DeviceRootUnusable;
import dev.pollux.server.StartupException.GpioLineUnavailable;
import dev.pollux.server.StartupException.ListenFailed;
import dev.pollux.server.StartupException.TransportUnavailable;
import java.net.BindException;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code pollux} says and exits with when the server cannot start, in the command line's
 * words: the option that caused it and the status the README documents, e.g. {@code cannot listen
 * for tcp on 0.0.0.0:9000 (--tcp-port 9000): Address already in use} with status 1.
 *
 * @param exitStatus {@link #USAGE} for an option's value that cannot work here, {@link #FAILURE}
 *     when the system refused (a port in use, a busy GPIO line)
 * @param message the line printed after {@code pollux: }
 */
public record StartupFailure(int exitStatus, String message) {

  /** Bad usage: an option's value. */
  public static final int USAGE = 2;

  /** A failure such as a port already in use. */
  public static final int FAILURE = 1;

  /** The option, message and exit status of {@code e}. */
  public static StartupFailure of(StartupException e) {
    return switch (e) {
      case TransportUnavailable t ->
          invalid("--io", t.reason() + "; expected " + otherModels(t.transport()));
      case DeviceRootUnusable d ->
          invalid(
              d.root() == DeviceRootUnusable.DeviceRoot.PROCFS ? "--procfs" : "--sysfs",
              d.getMessage());
      case BindAddressUnresolved b -> invalid("--bind", b.getMessage());
      case BrokerRefused b -> invalid("--mqtt", b.getMessage());
      case ListenFailed l -> new StartupFailure(FAILURE, listenFailure(l));
      case GpioLineUnavailable g ->
          new StartupFailure(
              FAILURE,
              (g.direction() == Direction.INPUT ? "--gpio-input " : "--gpio-output ")
                  + g.getMessage());
    };
  }

  private static StartupFailure invalid(String option, String why) {
    return new StartupFailure(USAGE, "Invalid value for option '" + option + "': " + why);
  }

  /**
   * The I/O models other than {@code unavailable}, e.g. {@code auto, nio, poll, threads or
   * virtual}.
   */
  private static String otherModels(String unavailable) {
    List<String> others = new ArrayList<>();
    for (IoModel model : IoModel.values()) {
      if (!model.label().equals(unavailable)) {
        others.add(model.label());
      }
    }
    return String.join(", ", others.subList(0, others.size() - 1)) + " or " + others.getLast();
  }

  /** A bind failure names the option and port; any other names the address and the error. */
  private static String listenFailure(ListenFailed l) {
    String protocol = l.protocol().label();
    String where = "cannot listen for " + protocol + " on " + HostPort.of(l.address());
    if (l.failure() instanceof BindException bind) {
      return where
          + " (--"
          + protocol
          + "-port "
          + l.address().getPort()
          + "): "
          + systemWords(bind);
    }
    return where + ": " + l.failure();
  }

  /**
   * The system's own words for a failed bind, the same on every transport: the JDK says {@code
   * Address already in use}, the epoll transport {@code cannot listen on …: bind(fd 10): EADDRINUSE
   * (Address already in use)}, which would repeat the address the message already names.
   */
  static String systemWords(BindException e) {
    String message = String.valueOf(e.getMessage());
    int open = message.lastIndexOf(" (");
    return open >= 0 && message.endsWith(")")
        ? message.substring(open + 2, message.length() - 1)
        : message;
  }
}
