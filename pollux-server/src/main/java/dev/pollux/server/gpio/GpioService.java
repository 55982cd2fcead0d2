package dev.pollux.server.gpio;

import dev.pollux.device.Device;
import dev.pollux.device.ExternalSensor;
import dev.pollux.device.Sensor;
import dev.pollux.device.SensorKind;
import dev.pollux.device.Source;
import dev.pollux.device.Unit;
import dev.pollux.gpio.GpioChips;
import dev.pollux.gpio.GpioInput;
import dev.pollux.gpio.GpioLines;
import dev.pollux.gpio.GpioOutput;
import dev.pollux.gpio.LineSetupException;
import dev.pollux.gpio.LineSpec;
import dev.pollux.server.StartupException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The configured GPIO lines of the server, held from start to {@link #close()}: each input a {@link
 * SensorKind#BOOLEAN} sensor whose edges publish a snapshot at once ({@link Device#publishNow()},
 * on the input's own thread), each output an actuator.
 */
public final class GpioService implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(GpioService.class.getName());

  private final GpioChips chips;
  private final GpioLines lines;

  private GpioService(GpioChips chips, GpioLines lines) {
    this.chips = chips;
    this.lines = lines;
  }

  /**
   * Requests {@code specs} on {@code chips} and adds them to {@code device} (before its sampler
   * starts).
   *
   * @throws StartupException.GpioLineUnavailable naming the line that cannot be had, and why
   */
  public static GpioService start(List<LineSpec> specs, GpioChips chips, Device device)
      throws StartupException {
    GpioLines lines;
    try {
      lines = GpioLines.open(chips, specs, 0);
    } catch (LineSetupException e) {
      throw new StartupException.GpioLineUnavailable(e);
    }
    GpioService service = new GpioService(chips, lines);
    List<ExternalSensor> sensors = new ArrayList<>();
    for (int i = 0; i < lines.inputs().size(); i++) {
      sensors.add(sensor(lines.inputs().get(i), specFor(specs, lines.inputs().get(i).name())));
    }
    if (!sensors.isEmpty()) {
      device.addExternal(sensors);
    }
    for (GpioOutput output : lines.outputs()) {
      device.addExternal(
          new OutputActuator(output, specFor(specs, output.name()), devicePath(specs, output)));
    }
    for (GpioInput input : lines.inputs()) {
      input.start((in, edge) -> device.publishNow());
    }
    if (!specs.isEmpty()) {
      LOG.log(
          Level.INFO,
          "gpio: {0} input(s), {1} output(s) held as \"{2}\"",
          lines.inputs().size(),
          lines.outputs().size(),
          GpioLines.CONSUMER);
    }
    return service;
  }

  private static LineSpec specFor(List<LineSpec> specs, String name) {
    for (LineSpec spec : specs) {
      if (spec.name().equals(name)) {
        return spec;
      }
    }
    throw new IllegalStateException("no spec for line " + name);
  }

  private static Path devicePath(List<LineSpec> specs, GpioOutput output) {
    return Path.of("/dev", specFor(specs, output.name()).chip());
  }

  private static ExternalSensor sensor(GpioInput input, LineSpec spec) {
    String label = spec.chip() + " line " + input.offset();
    if (spec.offset() < 0) {
      label += " (" + spec.line() + ")";
    }
    Sensor sensor =
        new Sensor(
            input.name(),
            SensorKind.BOOLEAN,
            Unit.NONE,
            label,
            new Source.Gpio(spec.chip(), input.offset(), Path.of("/dev", spec.chip())));
    return new ExternalSensor() {
      private volatile long reportedEdgeNanos; // the sampler's readers, one read at a time

      @Override
      public Sensor sensor() {
        return sensor;
      }

      @Override
      public double read() throws IOException {
        return input.value();
      }

      // The kernel's timestamp of an edge not yet reported; the read's time after that.
      @Override
      public long valueAtMillis() {
        long edge = input.lastEdgeNanos();
        if (edge == 0 || edge == reportedEdgeNanos) {
          return -1;
        }
        reportedEdgeNanos = edge;
        return edge / 1_000_000;
      }
    };
  }

  /** The chips, for {@code GET /api/v1/gpio}. */
  public GpioChips chips() {
    return chips;
  }

  /** Events the kernel dropped per input, by name. */
  public Map<String, Long> eventsDropped() {
    Map<String, Long> dropped = new LinkedHashMap<>();
    for (GpioInput input : lines.inputs()) {
      dropped.put(input.name(), input.eventsDropped());
    }
    return dropped;
  }

  /** Stops the inputs' threads and releases every line. */
  @Override
  public void close() {
    lines.close();
  }
}
