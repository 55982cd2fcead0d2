package dev.pollux.device;

import dev.pollux.device.internal.Actuators;
import dev.pollux.device.internal.Discovery;
import dev.pollux.device.internal.Sampler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * This machine's hardware: the entry point of the device layer.
 *
 * <p>Design: {@link #open} discovers the sensors under the configured roots; {@link #start} starts
 * the sampler thread, which reads every sensor once per interval and publishes an immutable {@link
 * Snapshot}. {@link #snapshot()} is a volatile read, safe and cheap on an event loop; everything
 * else that touches files ({@link #actuators()}, {@link #write}, {@link #rescan()}, {@link
 * #sampleOnce()}) blocks and belongs on a virtual thread.
 *
 * <pre>{@code
 * try (Device device = Device.open(DeviceConfig.builder().build())) {
 *   device.addListener(snapshot -> ...);
 *   device.start();
 *   Reading temp = device.snapshot().primaryTemperature();
 * }
 * }</pre>
 */
public final class Device implements AutoCloseable {
  private final DeviceConfig config;
  private final Sampler sampler;
  private final Actuators actuators;
  private volatile List<ExternalActuator> externalActuators = List.of();

  private Device(DeviceConfig config, Sampler sampler) {
    this.config = config;
    this.sampler = sampler;
    this.actuators = new Actuators(config.sysfsRoot());
  }

  /**
   * Checks the roots and discovers the sensors; sampling starts with {@link #start()}.
   *
   * @throws IllegalArgumentException naming the path when a root is missing or not a directory
   */
  public static Device open(DeviceConfig config) {
    requireDirectory("sysfsRoot", config.sysfsRoot());
    requireDirectory("procfsRoot", config.procfsRoot());
    return new Device(config, new Sampler(config, Discovery.discover(config)));
  }

  private static void requireDirectory(String name, Path root) {
    if (!Files.exists(root)) {
      throw new IllegalArgumentException(name + " does not exist: " + root);
    }
    if (!Files.isDirectory(root)) {
      throw new IllegalArgumentException(name + " is not a directory: " + root);
    }
  }

  public DeviceConfig config() {
    return config;
  }

  /** Starts the sampler thread; it samples at once, then every interval. */
  public void start() {
    sampler.start();
  }

  /** The latest snapshot; never null. Lock-free, no I/O. */
  public Snapshot snapshot() {
    return sampler.snapshot();
  }

  /** The sensors being sampled, in snapshot order. */
  public List<Sensor> sensors() {
    return sampler.sensors();
  }

  /** Runs one sampling pass on the calling thread (tests, benchmarks) and returns its snapshot. */
  public Snapshot sampleOnce() {
    return sampler.sampleOnce();
  }

  /**
   * Adds sensors whose values another module supplies (GPIO inputs); blocking (it rescans), call it
   * before {@link #start()}.
   */
  public void addExternal(List<ExternalSensor> sensors) {
    sampler.addExternal(sensors);
  }

  /**
   * Runs a sampling pass now, on the calling thread, and tells the listeners: an external sensor's
   * owner calls it when its value changed (a GPIO edge), so that clients need not wait for the next
   * tick. Blocking (the pass reads every sensor).
   */
  public Snapshot publishNow() {
    return sampler.sampleOnce();
  }

  /** Looks for new and vanished sensors now (the sampler also does it every rescan interval). */
  public void rescan() {
    sampler.rescanNow();
  }

  /**
   * Tells {@code listener} of every new snapshot, on the sampler thread; it must be quick (hand the
   * snapshot to a loop with {@code execute}). An exception it throws is logged.
   */
  public void addListener(Consumer<Snapshot> listener) {
    sampler.addListener(listener);
  }

  public void removeListener(Consumer<Snapshot> listener) {
    sampler.removeListener(listener);
  }

  /**
   * The good values of {@code id} at or after {@code sinceEpochMillis}, oldest first; null for an
   * unknown id. Copies at most the history length; no file I/O.
   */
  public History history(String id, long sinceEpochMillis) {
    return sampler.history(id, sinceEpochMillis);
  }

  /**
   * The actuators (LEDs, fans, PWM channels) with their current values, read now (blocking file
   * I/O); one whose state cannot be read is listed with its error.
   */
  public List<Actuator> actuators() {
    List<ExternalActuator> extra = externalActuators;
    if (extra.isEmpty()) {
      return actuators.list();
    }
    List<Actuator> all = new ArrayList<>(actuators.list());
    for (ExternalActuator actuator : extra) {
      all.add(actuator.read());
    }
    return all;
  }

  /**
   * Sets actuator {@code id} to {@code value} (blocking file I/O); see {@link WriteResult}. An LED
   * is set to the trigger {@code none} first, a fan to manual control.
   */
  public WriteResult write(String id, int value) {
    for (ExternalActuator actuator : externalActuators) {
      if (actuator.id().equals(id)) {
        Actuator current = actuator.read();
        if (value < current.min() || value > current.max()) {
          return new WriteResult.OutOfRange(current, value);
        }
        return actuator.write(value);
      }
    }
    return actuators.write(id, value);
  }

  /** Adds actuators that another module drives (GPIO outputs), after the LEDs. */
  public void addExternal(ExternalActuator actuator) {
    List<ExternalActuator> all = new ArrayList<>(externalActuators);
    all.add(actuator);
    externalActuators = List.copyOf(all);
  }

  /**
   * Activates the kernel trigger {@code trigger} of LED {@code id}, one of its {@link
   * Actuator#triggers()} (blocking file I/O); anything else is {@link WriteResult.Unsupported}.
   */
  public WriteResult setTrigger(String id, String trigger) {
    return actuators.setTrigger(id, trigger);
  }

  /** Stops the sampler thread and gives the fans Pollux set back to automatic control. */
  @Override
  public void close() {
    try {
      sampler.close();
    } finally {
      actuators.close();
    }
  }
}
