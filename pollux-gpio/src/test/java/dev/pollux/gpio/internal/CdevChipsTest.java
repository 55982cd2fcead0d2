package dev.pollux.gpio.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pollux.gpio.GpioChip;
import dev.pollux.gpio.GpioException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What of the real binding runs without GPIO hardware: listing a {@code /dev} directory, {@code
 * open(2)} failing with ENOENT, and {@code ioctl(2)} reaching the kernel and failing with ENOTTY on
 * a file that is not a GPIO chip (so the downcalls link and {@code errno} is captured).
 */
class CdevChipsTest {

  @TempDir Path dev;

  @Test
  void listsOnlyChipDevicesInNumericOrder() throws Exception {
    for (String name : new String[] {"gpiochip10", "gpiochip2", "gpiochipX", "gpiomem", "tty0"}) {
      Files.createFile(dev.resolve(name));
    }
    assertThat(new CdevChips(dev).names()).containsExactly("gpiochip2", "gpiochip10");
  }

  @Test
  void aMissingChipIsEnoent() {
    assertThatThrownBy(() -> new CdevChips(dev).open("gpiochip0"))
        .isInstanceOfSatisfying(
            GpioException.class, e -> assertThat(e.noSuchChip()).as("noSuchChip").isTrue())
        .hasMessage("open on " + dev.resolve("gpiochip0") + ": ENOENT (No such file or directory)");
  }

  @Test
  void anIoctlOnAFileThatIsNoChipIsEnotty() throws Exception {
    Files.createFile(dev.resolve("gpiochip0"));
    try (GpioChip chip = new CdevChips(dev).open("gpiochip0")) {
      assertThatThrownBy(chip::info)
          .isInstanceOfSatisfying(
              GpioException.class, e -> assertThat(e.errno()).isEqualTo(GpioException.ENOTTY))
          .hasMessageStartingWith("GPIO_GET_CHIPINFO_IOCTL on " + dev.resolve("gpiochip0"));
      assertThatThrownBy(() -> chip.lineInfo(3))
          .hasMessageContaining(
              "GPIO_V2_GET_LINEINFO_IOCTL on " + dev.resolve("gpiochip0") + " line 3: ENOTTY");
    }
  }
}
