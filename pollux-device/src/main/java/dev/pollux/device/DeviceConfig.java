package dev.pollux.device;

import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;

/**
 * How the device layer runs: where it reads hardware from, how often, how much history it keeps,
 * which sensors it shows. Built with {@link #builder()}; every value has a default.
 *
 * @param sysfsRoot where {@code class/thermal}, {@code class/hwmon}, {@code class/leds} live
 *     ({@code /sys})
 * @param procfsRoot where {@code loadavg}, {@code meminfo}, {@code uptime}, {@code stat} live
 *     ({@code /proc})
 * @param interval sampling interval (1 s)
 * @param history how far back the history of each sensor goes (1 h)
 * @param readTimeout how long one file read may take before the sensor is left "in flight" and the
 *     others go on (a quarter of the interval, at most 250 ms)
 * @param rescanInterval how often new or vanished sensors are looked for (30 s; zero: never)
 * @param simulate add simulated sensors even where real ones exist
 * @param simulatedFallback where no real temperature sensor is left, serve a simulated one (true);
 *     false: then there is no primary temperature
 * @param include globs on sensor ids ({@code *}, {@code ?}); empty: all
 * @param exclude globs on sensor ids removed after {@code include}
 * @param seed seed of the simulated sensors
 * @param clock wall clock for reading times and ages (tests pass a fake one)
 */
public record DeviceConfig(
    Path sysfsRoot,
    Path procfsRoot,
    Duration interval,
    Duration history,
    Duration readTimeout,
    Duration rescanInterval,
    boolean simulate,
    boolean simulatedFallback,
    List<String> include,
    List<String> exclude,
    long seed,
    InstantSource clock) {

  public DeviceConfig {
    Objects.requireNonNull(sysfsRoot, "sysfsRoot");
    Objects.requireNonNull(procfsRoot, "procfsRoot");
    Objects.requireNonNull(clock, "clock");
    requirePositive("interval", interval);
    requirePositive("history", history);
    requirePositive("readTimeout", readTimeout);
    Objects.requireNonNull(rescanInterval, "rescanInterval");
    if (rescanInterval.isNegative()) {
      throw new IllegalArgumentException("rescanInterval < 0: " + rescanInterval);
    }
    if (history.compareTo(interval) < 0) {
      throw new IllegalArgumentException("history < interval: " + history + " < " + interval);
    }
    include = List.copyOf(include);
    exclude = List.copyOf(exclude);
  }

  private static void requirePositive(String name, Duration value) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " <= 0: " + value);
    }
  }

  /** The number of points kept per sensor: {@code history / interval}, at least 1. */
  public int historyPoints() {
    long points = history.toNanos() / interval.toNanos();
    return (int) Math.max(1, Math.min(points, Integer.MAX_VALUE - 8));
  }

  /**
   * A builder with the defaults: {@code /sys}, {@code /proc}, 1 s, 1 h, no simulation, the
   * simulated fallback on.
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link DeviceConfig}; unset values take their defaults. */
  public static final class Builder {
    private Path sysfsRoot = Path.of("/sys");
    private Path procfsRoot = Path.of("/proc");
    private Duration interval = Duration.ofSeconds(1);
    private Duration history = Duration.ofHours(1);
    private Duration readTimeout;
    private Duration rescanInterval = Duration.ofSeconds(30);
    private boolean simulate;
    private boolean simulatedFallback = true;
    private List<String> include = List.of();
    private List<String> exclude = List.of();
    private long seed = 42;
    private InstantSource clock = InstantSource.system();

    private Builder() {}

    public Builder sysfsRoot(Path sysfsRoot) {
      this.sysfsRoot = sysfsRoot;
      return this;
    }

    public Builder procfsRoot(Path procfsRoot) {
      this.procfsRoot = procfsRoot;
      return this;
    }

    public Builder interval(Duration interval) {
      this.interval = interval;
      return this;
    }

    public Builder history(Duration history) {
      this.history = history;
      return this;
    }

    public Builder readTimeout(Duration readTimeout) {
      this.readTimeout = readTimeout;
      return this;
    }

    public Builder rescanInterval(Duration rescanInterval) {
      this.rescanInterval = rescanInterval;
      return this;
    }

    public Builder simulate(boolean simulate) {
      this.simulate = simulate;
      return this;
    }

    public Builder simulatedFallback(boolean fallback) {
      this.simulatedFallback = fallback;
      return this;
    }

    public Builder include(List<String> globs) {
      this.include = globs;
      return this;
    }

    public Builder exclude(List<String> globs) {
      this.exclude = globs;
      return this;
    }

    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    public Builder clock(InstantSource clock) {
      this.clock = clock;
      return this;
    }

    public DeviceConfig build() {
      Duration timeout = readTimeout;
      if (timeout == null) {
        Duration quarter = interval == null ? Duration.ofMillis(250) : interval.dividedBy(4);
        timeout = quarter.compareTo(Duration.ofMillis(250)) > 0 ? Duration.ofMillis(250) : quarter;
        if (timeout.isZero()) {
          timeout = Duration.ofMillis(1);
        }
      }
      return new DeviceConfig(
          sysfsRoot,
          procfsRoot,
          interval,
          history,
          timeout,
          rescanInterval,
          simulate,
          simulatedFallback,
          include,
          exclude,
          seed,
          clock);
    }
  }
}
