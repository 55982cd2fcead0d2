package dev.pollux.device;

import java.util.Arrays;

/**
 * The recorded good values of one sensor, oldest first: {@code epochMillis(i)} is the time of
 * {@code value(i)}. It owns copies of the ring's arrays, so it never changes.
 */
public final class History {
  private final Sensor sensor;
  private final long[] epochMillis;
  private final double[] values;

  /** Takes ownership of the two arrays, which must have the same length. */
  public History(Sensor sensor, long[] epochMillis, double[] values) {
    if (epochMillis.length != values.length) {
      throw new IllegalArgumentException(
          "epochMillis.length != values.length: " + epochMillis.length + " != " + values.length);
    }
    this.sensor = sensor;
    this.epochMillis = epochMillis;
    this.values = values;
  }

  public Sensor sensor() {
    return sensor;
  }

  /** The number of points. */
  public int size() {
    return values.length;
  }

  /** The time of point {@code i} in epoch milliseconds. */
  public long epochMillis(int i) {
    return epochMillis[i];
  }

  /** The value of point {@code i}, in {@link Sensor#unit()}. */
  public double value(int i) {
    return values[i];
  }

  /** A copy of the times. */
  public long[] epochMillis() {
    return Arrays.copyOf(epochMillis, epochMillis.length);
  }

  /** A copy of the values. */
  public double[] values() {
    return Arrays.copyOf(values, values.length);
  }
}
