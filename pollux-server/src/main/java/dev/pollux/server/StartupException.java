package dev.pollux.server;

import dev.pollux.gpio.Direction;
import dev.pollux.gpio.LineSetupException;
import dev.pollux.gpio.LineSpec;
import dev.pollux.loop.HostPort;
import dev.pollux.server.listen.Protocol;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;

/**
 * Why the server could not start, in the server's own terms: which transport, which root, which
 * listener or line, and why. The command line ({@code cli.StartupFailure}) turns each kind into the
 * option it names and the exit status; the server itself knows no option names and no exit codes.
 */
public abstract sealed class StartupException extends Exception {

  private static final long serialVersionUID = 1L;

  private StartupException(String message, Throwable cause) {
    super(message, cause);
  }

  /** The I/O model asked for cannot run in this JVM, e.g. epoll without its native calls. */
  public static final class TransportUnavailable extends StartupException {
    private static final long serialVersionUID = 1L;
    private final String transport;
    private final String reason;

    /**
     * The transport called {@code transport} cannot run here.
     *
     * @param transport the transport's name, e.g. {@code epoll}
     * @param reason the transport's own words for why it cannot run
     */
    public TransportUnavailable(String transport, String reason, Throwable cause) {
      super("cannot use the " + transport + " transport: " + reason, cause);
      this.transport = transport;
      this.reason = reason;
    }

    public String transport() {
      return transport;
    }

    public String reason() {
      return reason;
    }
  }

  /** A root the device reads from is missing or not a directory. */
  public static final class DeviceRootUnusable extends StartupException {
    private static final long serialVersionUID = 1L;
    private final DeviceRoot root;

    /** The device's two roots. */
    public enum DeviceRoot {
      SYSFS,
      PROCFS
    }

    /**
     * The root {@code root} at {@code path} cannot be read from; the message names the path as the
     * option gave it (the option itself is named by who reports it).
     *
     * @param problem what is wrong with {@code path}, e.g. {@code does not exist}
     */
    public DeviceRootUnusable(DeviceRoot root, Path path, String problem) {
      super("'" + path + "' " + problem, null);
      this.root = root;
    }

    public DeviceRoot root() {
      return root;
    }
  }

  /** The bind address is a host name that does not resolve. */
  public static final class BindAddressUnresolved extends StartupException {
    private static final long serialVersionUID = 1L;

    public BindAddressUnresolved(String host) {
      super("cannot resolve '" + host + "'", null);
    }
  }

  /** A listener could not listen on its address (the cause: a port in use, a denied port...). */
  public static final class ListenFailed extends StartupException {
    private static final long serialVersionUID = 1L;
    private final Protocol protocol;
    private final InetSocketAddress address;
    private final IOException failure;

    public ListenFailed(Protocol protocol, InetSocketAddress address, IOException cause) {
      super(
          "cannot listen for " + protocol.label() + " on " + HostPort.of(address) + ": " + cause,
          cause);
      this.protocol = protocol;
      this.address = address;
      this.failure = cause;
    }

    public Protocol protocol() {
      return protocol;
    }

    public InetSocketAddress address() {
      return address;
    }

    public IOException failure() {
      return failure;
    }
  }

  /** The MQTT client refused the broker's address. */
  public static final class BrokerRefused extends StartupException {
    private static final long serialVersionUID = 1L;

    public BrokerRefused(URI broker, Exception cause) {
      super(broker + ": " + cause.getMessage(), cause);
    }
  }

  /** A configured GPIO line cannot be had: no such chip or line, busy, or access denied. */
  public static final class GpioLineUnavailable extends StartupException {
    private static final long serialVersionUID = 1L;
    private final transient LineSpec spec;

    public GpioLineUnavailable(LineSetupException cause) {
      super(cause.spec().name() + ": " + cause.getMessage(), cause);
      this.spec = cause.spec();
    }

    /** The line's direction, as configured. */
    public Direction direction() {
      return spec.settings().direction();
    }

    /** The line's name, e.g. {@code door}. */
    public String lineName() {
      return spec.name();
    }
  }
}
