package dev.pollux.gpio;

import java.io.IOException;
import java.util.Objects;

/**
 * A requested output line, e.g. {@code relay} on {@code gpiochip0} line 27, held until {@link
 * #close()} so that the value it was set to stays (the line falls back to the chip's default once
 * released, which is why a command-line tool cannot keep a relay on).
 */
public final class GpioOutput implements AutoCloseable {

  private final String name;
  private final LineRequest request;
  private final LineSettings settings;

  public GpioOutput(String name, LineRequest request, LineSettings settings) {
    this.name = Objects.requireNonNull(name, "name");
    this.request = Objects.requireNonNull(request, "request");
    this.settings = Objects.requireNonNull(settings, "settings");
    if (settings.direction() != Direction.OUTPUT) {
      throw new IllegalArgumentException("not an output: " + settings);
    }
  }

  /** The configured name, e.g. {@code relay}; the actuator's id. */
  public String name() {
    return name;
  }

  /** The line's offset on its chip. */
  public int offset() {
    return request.offset();
  }

  public LineSettings settings() {
    return settings;
  }

  /** The logical value, read from the line. */
  public int value() throws IOException {
    return request.get();
  }

  /** Drives the logical value, 0 or 1. */
  public void set(int value) throws IOException {
    request.set(value);
  }

  /** Releases the line. */
  @Override
  public void close() throws IOException {
    request.close();
  }

  @Override
  public String toString() {
    return "gpio output " + name + " (" + request + ")";
  }
}
