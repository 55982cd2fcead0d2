package dev.pollux.gpio;

import java.time.Duration;
import java.util.Objects;

/**
 * How a line is requested: {@code input, edge=both, bias=pull-up, debounce=10ms} or {@code output,
 * initial=0}.
 *
 * @param direction input or output
 * @param edge the edges reported as events (inputs only; {@link Edge#NONE} for outputs)
 * @param bias the pull resistor ({@link Bias#AS_IS}: leave the chip's)
 * @param activeLow whether the logical value is the inverse of the physical level
 * @param debounce the kernel's debounce period for an input, zero for none; whole microseconds
 * @param initialValue the logical value an output starts with, 0 or 1 (0 for inputs)
 */
public record LineSettings(
    Direction direction,
    Edge edge,
    Bias bias,
    boolean activeLow,
    Duration debounce,
    int initialValue) {

  /** The largest debounce period the uAPI can carry ({@code __u32 debounce_period_us}). */
  public static final Duration MAX_DEBOUNCE = Duration.ofNanos(0xFFFF_FFFFL * 1000);

  public LineSettings {
    Objects.requireNonNull(direction, "direction");
    Objects.requireNonNull(edge, "edge");
    Objects.requireNonNull(bias, "bias");
    Objects.requireNonNull(debounce, "debounce");
    if (debounce.isNegative() || debounce.compareTo(MAX_DEBOUNCE) > 0) {
      throw new IllegalArgumentException("debounce outside 0.." + MAX_DEBOUNCE + ": " + debounce);
    }
    if (initialValue != 0 && initialValue != 1) {
      throw new IllegalArgumentException("initialValue not 0 or 1: " + initialValue);
    }
    if (direction == Direction.OUTPUT && (edge != Edge.NONE || !debounce.isZero())) {
      throw new IllegalArgumentException("an output has no edges or debounce: " + edge);
    }
  }

  /** An input reporting {@code edge}, with {@code bias}, active-high unless asked. */
  public static LineSettings input(Edge edge, Bias bias, boolean activeLow, Duration debounce) {
    return new LineSettings(Direction.INPUT, edge, bias, activeLow, debounce, 0);
  }

  /** An output starting at {@code initialValue}. */
  public static LineSettings output(Bias bias, boolean activeLow, int initialValue) {
    return new LineSettings(
        Direction.OUTPUT, Edge.NONE, bias, activeLow, Duration.ZERO, initialValue);
  }

  /** The debounce period in whole microseconds, as the kernel takes it. */
  public long debounceMicros() {
    return debounce.toNanos() / 1000;
  }
}
