package dev.pollux.gpio;

/** The line logic against the fake chip: always runs. */
class FakeGpioLinesIT extends GpioLinesContract {

  private final FakeGpio gpio = new FakeGpio().chip("gpiochip0", "fake", 8);

  @Override
  GpioChips chips() {
    return gpio;
  }

  @Override
  String chip() {
    return "gpiochip0";
  }

  @Override
  void drive(int offset, int level) {
    gpio.drive("gpiochip0", offset, level);
  }
}
