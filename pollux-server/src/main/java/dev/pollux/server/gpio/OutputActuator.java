package dev.pollux.server.gpio;

import dev.pollux.device.Actuator;
import dev.pollux.device.ExternalActuator;
import dev.pollux.device.WriteResult;
import dev.pollux.gpio.GpioException;
import dev.pollux.gpio.GpioOutput;
import dev.pollux.gpio.LineSpec;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;

/** A GPIO output as an actuator of kind {@code gpio}, range 0..1, e.g. {@code relay}. */
final class OutputActuator implements ExternalActuator {

  private static final System.Logger LOG = System.getLogger(OutputActuator.class.getName());

  static final String KIND = "gpio";

  private final GpioOutput output;
  private final Path path;
  private volatile int lastSet;

  OutputActuator(GpioOutput output, LineSpec spec, Path path) {
    this.output = output;
    this.path = path;
    this.lastSet = spec.settings().initialValue();
  }

  @Override
  public String id() {
    return output.name();
  }

  @Override
  public Actuator read() {
    int value;
    try {
      value = output.value();
    } catch (IOException e) {
      LOG.log(
          Level.WARNING, "gpio {0}: cannot read the output: {1}", output.name(), e.getMessage());
      value = lastSet; // an output reads back what it was set to; keep it listed
    }
    return new Actuator(output.name(), KIND, 0, 1, value, path);
  }

  @Override
  public WriteResult write(int value) {
    try {
      output.set(value);
      lastSet = value;
      return new WriteResult.Written(new Actuator(output.name(), KIND, 0, 1, value, path));
    } catch (GpioException e) {
      LOG.log(Level.WARNING, "gpio {0}: {1}", output.name(), e.getMessage());
      Actuator current = read();
      return e.denied()
          ? new WriteResult.Denied(current, "permission denied")
          : new WriteResult.Failed(current, "gpio write failed");
    } catch (IOException e) {
      LOG.log(Level.WARNING, "gpio {0}: {1}", output.name(), e.getMessage());
      return new WriteResult.Failed(read(), "gpio write failed");
    }
  }
}
