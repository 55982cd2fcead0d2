package dev.pollux.gpio;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;

/**
 * The line logic against the real character device, through the FFM binding: on a machine with a
 * {@code gpio-sim} chip (the kernel's simulator, {@code modprobe gpio-sim} and a configfs bank of
 * at least 8 lines, line 4 given a name), whose inputs the test drives through {@code
 * sim_gpioN/pull}. Anywhere else it is skipped, with the reason, by an assumption: this binding
 * needs the hardware (or the simulator) to run at all.
 */
class CdevGpioLinesIT extends GpioLinesContract {

  private static final Path GPIO_DEVICES = Path.of("/sys/bus/gpio/devices");

  private final GpioChips chips = GpioChips.system();
  private String chip;

  @BeforeEach
  void findSimulator() throws IOException {
    assumeTrue(
        !chips.names().isEmpty(),
        "no /dev/gpiochip* on this machine: the real GPIO binding's line tests need a gpio-sim"
            + " chip (the fake-chip suite FakeGpioLinesIT ran instead)");
    for (String name : chips.names()) {
      if (Files.exists(GPIO_DEVICES.resolve(name).resolve("sim_gpio0"))) {
        chip = name;
      }
    }
    assumeTrue(
        chip != null, "GPIO chips here, but none is a gpio-sim chip whose inputs a test can drive");
  }

  @Override
  GpioChips chips() {
    return chips;
  }

  @Override
  String chip() {
    return chip;
  }

  @Override
  void drive(int offset, int level) throws IOException {
    Path pull = GPIO_DEVICES.resolve(chip).resolve("sim_gpio" + offset).resolve("pull");
    Files.writeString(pull, level == 1 ? "pull-up" : "pull-down");
  }
}
