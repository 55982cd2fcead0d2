package dev.pollux.gpio;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The configured lines of a process, requested at start and held until {@link #close()}: inputs and
 * outputs by name. Opening them is all or nothing: a line that cannot be had releases the ones
 * already requested and says why ({@link LineSetupException}).
 */
public final class GpioLines implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(GpioLines.class.getName());

  /** The consumer name the lines are requested under, as {@code gpioinfo} shows it. */
  public static final String CONSUMER = "pollux";

  private final List<GpioInput> inputs;
  private final List<GpioOutput> outputs;

  private GpioLines(List<GpioInput> inputs, List<GpioOutput> outputs) {
    this.inputs = List.copyOf(inputs);
    this.outputs = List.copyOf(outputs);
  }

  /**
   * Requests every line of {@code specs} on {@code chips}; edges are not taken until {@link
   * GpioInput#start}.
   *
   * @throws LineSetupException naming the line, when a chip or a line cannot be had
   */
  public static GpioLines open(GpioChips chips, List<LineSpec> specs, int eventBufferSize)
      throws LineSetupException {
    List<GpioInput> inputs = new ArrayList<>();
    List<GpioOutput> outputs = new ArrayList<>();
    Map<String, GpioChip> open = new HashMap<>();
    try {
      for (LineSpec spec : specs) {
        GpioChip chip = chip(chips, open, spec);
        int offset = resolve(chip, spec);
        LineRequest request = request(chip, spec, offset, eventBufferSize);
        try {
          if (spec.settings().direction() == Direction.INPUT) {
            inputs.add(new GpioInput(spec.name(), request, spec.settings(), chip.lineInfo(offset)));
          } else {
            outputs.add(new GpioOutput(spec.name(), request, spec.settings()));
          }
        } catch (IOException e) {
          closeQuietly(request);
          throw new LineSetupException(spec, describe(spec, offset) + ": " + e.getMessage(), e);
        }
      }
      return new GpioLines(inputs, outputs);
    } catch (LineSetupException | RuntimeException e) {
      new GpioLines(inputs, outputs).close();
      throw e;
    } finally {
      for (GpioChip chip : open.values()) {
        closeQuietly(chip);
      }
    }
  }

  private static GpioChip chip(GpioChips chips, Map<String, GpioChip> open, LineSpec spec)
      throws LineSetupException {
    GpioChip chip = open.get(spec.chip());
    if (chip != null) {
      return chip;
    }
    try {
      chip = chips.open(spec.chip());
    } catch (GpioException e) {
      throw new LineSetupException(spec, chipFailure(chips, spec, e), e);
    } catch (IOException e) {
      throw new LineSetupException(spec, "cannot open " + spec.chip() + ": " + e.getMessage(), e);
    }
    open.put(spec.chip(), chip);
    return chip;
  }

  private static String chipFailure(GpioChips chips, LineSpec spec, GpioException e) {
    if (e.noSuchChip()) {
      return "no GPIO chip " + spec.chip() + " (" + present(chips) + ")";
    }
    if (e.denied()) {
      return "permission denied: " + e.getMessage();
    }
    return "cannot open " + spec.chip() + ": " + e.getMessage();
  }

  private static String present(GpioChips chips) {
    try {
      List<String> names = chips.names();
      return names.isEmpty()
          ? "there are none here: no /dev/gpiochip* (a systemd unit with PrivateDevices=yes hides"
              + " them)"
          : "chips here: " + String.join(", ", names);
    } catch (IOException e) {
      return "cannot list the chips: " + e.getMessage();
    }
  }

  private static int resolve(GpioChip chip, LineSpec spec) throws LineSetupException {
    try {
      int lines = chip.info().lines();
      int offset = spec.offset();
      if (offset < 0) {
        offset = chip.find(spec.line());
        if (offset < 0) {
          throw new LineSetupException(
              spec, spec.chip() + " has no line named " + spec.line(), null);
        }
      } else if (offset >= lines) {
        throw new LineSetupException(
            spec,
            spec.chip()
                + " has "
                + lines
                + " lines (offsets 0-"
                + (lines - 1)
                + "): no line "
                + offset,
            null);
      }
      return offset;
    } catch (LineSetupException e) {
      throw e;
    } catch (IOException e) {
      throw new LineSetupException(spec, "cannot read " + spec.chip() + ": " + e.getMessage(), e);
    }
  }

  private static LineRequest request(GpioChip chip, LineSpec spec, int offset, int bufferSize)
      throws LineSetupException {
    try {
      return chip.request(offset, spec.settings(), CONSUMER, bufferSize);
    } catch (GpioException e) {
      String line = describe(spec, offset);
      if (e.busy()) {
        throw new LineSetupException(spec, line + " is busy: " + holder(chip, offset), e);
      }
      if (e.denied()) {
        throw new LineSetupException(spec, line + ": permission denied: " + e.getMessage(), e);
      }
      throw new LineSetupException(spec, line + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new LineSetupException(spec, describe(spec, offset) + ": " + e.getMessage(), e);
    }
  }

  /** Who holds a busy line, from its info's consumer. */
  private static String holder(GpioChip chip, int offset) {
    try {
      String consumer = chip.lineInfo(offset).consumer();
      return consumer.isEmpty()
          ? "held by a consumer without a name"
          : "held by \"" + consumer + "\"";
    } catch (IOException e) {
      return "held by someone (the line's info cannot be read: " + e.getMessage() + ")";
    }
  }

  /** {@code gpiochip0 line 17} with the name it was asked by: {@code (GPIO17)}. */
  private static String describe(LineSpec spec, int offset) {
    String line = spec.chip() + " line " + offset;
    return spec.offset() < 0 ? line + " (" + spec.line() + ")" : line;
  }

  public List<GpioInput> inputs() {
    return inputs;
  }

  public List<GpioOutput> outputs() {
    return outputs;
  }

  /** Stops the inputs' readers and releases every line. */
  @Override
  public void close() {
    for (GpioInput input : inputs) {
      closeQuietly(input);
    }
    for (GpioOutput output : outputs) {
      closeQuietly(output);
    }
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception e) {
      LOG.log(Level.WARNING, "cannot release " + closeable, e);
    }
  }
}
