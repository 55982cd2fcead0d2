package dev.pollux.device;

import java.io.IOException;

/**
 * A sensor whose value another module supplies, e.g. a GPIO input held by {@code pollux-gpio}: the
 * sampler reads it with the others each pass, and its owner calls {@link Device#publishNow()} when
 * the value changes, so that clients learn of it at once rather than at the next tick.
 */
public interface ExternalSensor {

  /** The sensor, with a {@link Source} saying where its value comes from. */
  Sensor sensor();

  /**
   * The current value in the sensor's unit; quick (the sampler bounds the wait all the same).
   *
   * @throws IOException when it cannot be read now (the reading shows an error)
   */
  double read() throws IOException;

  /**
   * When the value {@link #read()} just returned came about, epoch milliseconds, when the sensor
   * knows better than the clock (a GPIO edge's kernel timestamp, for the first read after it); -1,
   * the default, makes it the time of the read.
   */
  default long valueAtMillis() {
    return -1;
  }
}
