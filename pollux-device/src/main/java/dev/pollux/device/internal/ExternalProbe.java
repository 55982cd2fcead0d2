package dev.pollux.device.internal;

import dev.pollux.device.ExternalSensor;
import java.io.IOException;

/** Reads an {@link ExternalSensor}; its I/O failure is a read error like a file's. */
final class ExternalProbe implements Probe {
  private final ExternalSensor sensor;

  ExternalProbe(ExternalSensor sensor) {
    this.sensor = sensor;
  }

  /** The sensor with its probe, as discovery lists the others. */
  static Discovered discovered(ExternalSensor sensor) {
    return new Discovered(sensor.sensor(), new ExternalProbe(sensor));
  }

  @Override
  public double read(long nowMillis) throws ReadFailure {
    try {
      return sensor.read();
    } catch (IOException e) {
      throw new ReadFailure(ReadError.IO, e);
    }
  }

  @Override
  public long valueAtMillis() {
    return sensor.valueAtMillis();
  }
}
