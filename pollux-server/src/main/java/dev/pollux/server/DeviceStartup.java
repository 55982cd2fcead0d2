package dev.pollux.server;

import dev.pollux.device.Device;
import dev.pollux.device.DeviceConfig;
import dev.pollux.device.Reading;
import dev.pollux.device.Snapshot;
import dev.pollux.server.StartupException.DeviceRootUnusable;
import dev.pollux.server.StartupException.DeviceRootUnusable.DeviceRoot;
import dev.pollux.server.cli.ServerConfig;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** The device's part of a start: open it on the configured roots, take a first sample, warn. */
final class DeviceStartup {

  // The start's logger: these lines are part of what the server says as it starts.
  private static final System.Logger LOG = System.getLogger(PolluxServer.class.getName());

  private DeviceStartup() {}

  /**
   * Opens the device on the configured roots; its sampler starts with {@link #startSampling}.
   *
   * @throws StartupException.DeviceRootUnusable naming the root that is missing or not a directory
   */
  static Device open(ServerConfig config) throws StartupException {
    // Checked here, in the order Device.open checks them, so that the failure says which root.
    requireDirectory(DeviceRoot.SYSFS, config.sysfsRoot());
    requireDirectory(DeviceRoot.PROCFS, config.procfsRoot());
    return Device.open(
        DeviceConfig.builder()
            .sysfsRoot(config.sysfsRoot())
            .procfsRoot(config.procfsRoot())
            .interval(config.interval())
            .history(config.history())
            .simulate(config.simulate())
            .simulatedFallback(config.simulatedFallback())
            .include(config.sensorsInclude())
            .exclude(config.sensorsExclude())
            .build());
  }

  private static void requireDirectory(DeviceRoot root, Path path) throws DeviceRootUnusable {
    if (!Files.exists(path)) {
      throw new DeviceRootUnusable(root, path, "does not exist");
    }
    if (!Files.isDirectory(path)) {
      throw new DeviceRootUnusable(root, path, "is not a directory");
    }
  }

  /**
   * Starts the sampler and waits for its first pass (up to {@code firstPassWait}), so that a client
   * that connects as soon as we listen gets values rather than "stale: no value yet".
   */
  static void startSampling(Device device, Duration firstPassWait) {
    CountDownLatch firstPass = new CountDownLatch(1);
    Consumer<Snapshot> listener = snapshot -> firstPass.countDown();
    device.addListener(listener);
    try {
      device.start();
      if (!firstPass.await(firstPassWait.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.log(Level.WARNING, "no sample within {0}; listening anyway", firstPassWait);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      device.removeListener(listener);
    }
  }

  /** People must know when "the temperature" is made up, or missing: said once, at start. */
  static void warnWithoutRealTemperature(Snapshot snapshot, boolean simulate) {
    Reading primary = snapshot.primaryTemperature();
    if (!snapshot.primary().present()) {
      LOG.log(
          Level.WARNING,
          "this device has no temperature sensor and --simulate=false: GET /temp answers 503 and"
              + " the TCP temp line ERR");
    } else if (!simulate && primary != null && primary.simulated()) {
      LOG.log(
          Level.WARNING,
          "this device has no real temperature sensor: /temp, the TCP temp line and"
              + " pollux_primary_temperature_celsius serve a simulated value, marked as such"
              + " (--simulate=false turns the fallback off)");
    }
  }
}
