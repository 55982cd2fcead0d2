package dev.pollux.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pollux.server.PolluxServer;
import dev.pollux.server.StartupException;
import dev.pollux.server.StartupException.BindAddressUnresolved;
import dev.pollux.server.StartupException.BrokerRefused;
import dev.pollux.server.StartupException.DeviceRootUnusable;
import dev.pollux.server.StartupException.DeviceRootUnusable.DeviceRoot;
import dev.pollux.server.StartupException.ListenFailed;
import dev.pollux.server.StartupException.TransportUnavailable;
import dev.pollux.server.listen.Protocol;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link StartupFailure#of}: each way the server can fail to start, in the words and with the exit
 * status the README gives the command line.
 */
class StartupFailureTest {

  private static final InetSocketAddress TCP_ADDRESS =
      new InetSocketAddress(InetAddress.getLoopbackAddress(), 9000);

  @TempDir Path dir;

  @Test
  void aPortInUseNamesTheOptionAndPortInTheSystemsWords() {
    // The JDK's words, and the epoll transport's (which name the address once more).
    for (String bindMessage :
        List.of(
            "Address already in use",
            "cannot listen on 127.0.0.1:9000: bind(fd 10): EADDRINUSE (Address already in use)")) {
      StartupException e =
          new ListenFailed(Protocol.TCP, TCP_ADDRESS, new BindException(bindMessage));
      assertThat(StartupFailure.of(e))
          .as("StartupFailure.of(ListenFailed(%s))", bindMessage)
          .isEqualTo(
              new StartupFailure(
                  StartupFailure.FAILURE,
                  "cannot listen for tcp on 127.0.0.1:9000 (--tcp-port 9000): Address already in"
                      + " use"));
    }
  }

  @Test
  void anotherListenFailureNamesTheAddressAndTheError() {
    IOException refused = new SocketException("Permission denied");
    StartupException e = new ListenFailed(Protocol.HTTPS, TCP_ADDRESS, refused);
    assertThat(StartupFailure.of(e))
        .isEqualTo(
            new StartupFailure(
                StartupFailure.FAILURE, "cannot listen for https on 127.0.0.1:9000: " + refused));
  }

  @Test
  void aTransportThatCannotRunHereIsABadIoValueListingTheOthers() {
    StartupException e =
        new TransportUnavailable(
            "epoll", "the epoll transport is not available: epoll is Linux only", null);
    assertThat(StartupFailure.of(e))
        .isEqualTo(
            new StartupFailure(
                StartupFailure.USAGE,
                "Invalid value for option '--io': the epoll transport is not available: epoll is"
                    + " Linux only; expected auto, nio, poll, threads or virtual"));
  }

  @Test
  void anUnresolvedBindAddressOrARefusedBrokerIsBadUsage() {
    assertThat(StartupFailure.of(new BindAddressUnresolved("no-such-host.invalid")))
        .isEqualTo(
            new StartupFailure(
                StartupFailure.USAGE,
                "Invalid value for option '--bind': cannot resolve 'no-such-host.invalid'"));
    assertThat(
            StartupFailure.of(
                new BrokerRefused(
                    URI.create("tcp://broker:1883"), new IllegalArgumentException("no"))))
        .isEqualTo(
            new StartupFailure(
                StartupFailure.USAGE, "Invalid value for option '--mqtt': tcp://broker:1883: no"));
  }

  @Test
  void eachDeviceRootIsNamedByItsOwnOption() {
    Path missing = dir.resolve("missing");
    assertThat(StartupFailure.of(new DeviceRootUnusable(DeviceRoot.SYSFS, missing, "is absent")))
        .isEqualTo(
            new StartupFailure(
                StartupFailure.USAGE,
                "Invalid value for option '--sysfs': '" + missing + "' is absent"));
    assertThat(StartupFailure.of(new DeviceRootUnusable(DeviceRoot.PROCFS, missing, "is absent")))
        .isEqualTo(
            new StartupFailure(
                StartupFailure.USAGE,
                "Invalid value for option '--procfs': '" + missing + "' is absent"));
  }

  /** The server says which root, whatever the paths' names hold (no guessing from a message). */
  @Test
  void theServerSaysWhichRootCannotBeRead() throws IOException {
    Path sysfs = Files.createDirectories(dir.resolve("sys"));
    Path procfsFile = Files.writeString(dir.resolve("proc"), "not a directory");
    Path missing = dir.resolve("sys-missing");

    assertThat(startFailure("--sysfs", missing.toString(), "--procfs", sysfs.toString()))
        .isEqualTo(
            new StartupFailure(
                StartupFailure.USAGE,
                "Invalid value for option '--sysfs': '" + missing + "' does not exist"));
    assertThat(startFailure("--sysfs", sysfs.toString(), "--procfs", procfsFile.toString()))
        .isEqualTo(
            new StartupFailure(
                StartupFailure.USAGE,
                "Invalid value for option '--procfs': '" + procfsFile + "' is not a directory"));
  }

  private static StartupFailure startFailure(String... roots) {
    List<String> args = new ArrayList<>(List.of(roots));
    args.addAll(List.of("--bind", "127.0.0.1", "--http-port", "off", "--tcp-port", "off"));
    ServerConfig config = PolluxCommand.parse(args, Map.of());
    StartupException[] thrown = new StartupException[1];
    assertThatThrownBy(() -> PolluxServer.start(config).close())
        .as("PolluxServer.start(%s)", args)
        .isInstanceOfSatisfying(StartupException.class, e -> thrown[0] = e);
    return StartupFailure.of(thrown[0]);
  }
}
