package dev.pollux.gpio.internal;

import dev.pollux.gpio.GpioChip;
import dev.pollux.gpio.GpioChips;
import dev.pollux.gpio.GpioException;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The GPIO character devices {@code gpiochipN} of a {@code /dev} directory. */
public final class CdevChips implements GpioChips {

  private final Path dev;

  public CdevChips(Path dev) {
    this.dev = dev;
  }

  @Override
  public List<String> names() throws IOException {
    List<String> names = new ArrayList<>();
    if (!Files.isDirectory(dev)) {
      return names;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dev, "gpiochip*")) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (GpioChips.isChipName(name)) {
          names.add(name);
        }
      }
    }
    names.sort(Comparator.comparingInt(CdevChips::number));
    return names;
  }

  private static int number(String chipName) {
    return Integer.parseInt(chipName.substring("gpiochip".length()));
  }

  @Override
  public GpioChip open(String name) throws IOException {
    if (!GpioChips.isChipName(name)) {
      throw new GpioException("no GPIO chip named " + name, GpioException.ENOENT);
    }
    Path path = dev.resolve(name);
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = arena.allocate(Native.CALL_STATE);
      int fd = GpioCalls.open(state, arena.allocateFrom(path.toString()));
      if (fd < 0) {
        throw new GpioException(GpioCalls.describe("open", path.toString(), -fd), -fd);
      }
      return new CdevChip(path, fd);
    }
  }
}
