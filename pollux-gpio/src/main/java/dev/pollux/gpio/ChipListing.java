package dev.pollux.gpio;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One chip and all its lines, as {@code gpioinfo} lists them: what a person looks at to find the
 * line to configure.
 *
 * @param chip the chip's name, label and line count
 * @param lines every line, by offset
 */
public record ChipListing(ChipInfo chip, List<LineInfo> lines) {

  public ChipListing {
    lines = List.copyOf(lines);
  }

  /** Every chip of {@code chips} with its lines, read now (blocking). */
  public static List<ChipListing> read(GpioChips chips) throws IOException {
    List<ChipListing> listings = new ArrayList<>();
    for (String name : chips.names()) {
      try (GpioChip chip = chips.open(name)) {
        ChipInfo info = chip.info();
        List<LineInfo> lines = new ArrayList<>(info.lines());
        for (int offset = 0; offset < info.lines(); offset++) {
          lines.add(chip.lineInfo(offset));
        }
        listings.add(new ChipListing(info, lines));
      }
    }
    return listings;
  }
}
