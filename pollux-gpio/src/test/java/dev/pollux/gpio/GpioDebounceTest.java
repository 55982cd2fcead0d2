package dev.pollux.gpio;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Debounce and overflow bookkeeping on the fake chip, without the reader thread. */
class GpioDebounceTest {

  private final FakeGpio gpio = new FakeGpio().chip("gpiochip0", "fake", 4);

  @Test
  void theDebouncePeriodAskedForIsTheOneTheLineReports() throws Exception {
    LineSettings settings =
        LineSettings.input(Edge.BOTH, Bias.PULL_UP, false, Duration.ofMillis(10));
    try (GpioLines lines =
        GpioLines.open(gpio, List.of(new LineSpec("door", "gpiochip0", "1", settings)), 0)) {
      GpioInput door = lines.inputs().getFirst();
      assertThat(door.granted().debounce()).isEqualTo(Duration.ofMillis(10));
      try (GpioChip chip = gpio.open("gpiochip0")) {
        assertThat(chip.lineInfo(1).debounce()).isEqualTo(Duration.ofMillis(10));
        assertThat(chip.lineInfo(1).bias()).isEqualTo(Bias.PULL_UP);
      }
    }
  }

  @Test
  void bouncesShorterThanThePeriodGiveOneEdge() throws Exception {
    LineSettings settings = LineSettings.input(Edge.BOTH, Bias.AS_IS, false, Duration.ofMillis(10));
    try (GpioChip chip = gpio.open("gpiochip0");
        LineRequest request = chip.request(2, settings, "test", 0)) {
      long start = gpio.nowNanos();
      gpio.drive("gpiochip0", 2, 1);
      gpio.advance(Duration.ofMillis(3));
      gpio.drive("gpiochip0", 2, 0);
      gpio.advance(Duration.ofMillis(3));
      gpio.drive("gpiochip0", 2, 1);
      gpio.advance(Duration.ofMillis(10));
      request.wakeUp(); // so that the read after the one event returns at once
      EdgeEvent[] events = new EdgeEvent[8];
      assertThat(request.readEvents(events)).isEqualTo(1);
      assertThat(events[0].rising()).isTrue();
      assertThat(events[0].timestampNanos()).isEqualTo(start + Duration.ofMillis(16).toNanos());
      assertThat(request.readEvents(events)).as("then the wake-up").isZero();
    }
  }

  @Test
  void gapsInTheLineSequenceAreCountedAsDropped() throws Exception {
    LineSettings settings = LineSettings.input(Edge.BOTH, Bias.AS_IS, false, Duration.ZERO);
    try (GpioChip chip = gpio.open("gpiochip0")) {
      GpioInput input =
          new GpioInput("bell", chip.request(3, settings, "t", 0), settings, chip.lineInfo(3));
      input.take(new EdgeEvent(1, true, 3, 1, 1));
      input.take(new EdgeEvent(2, false, 3, 5, 5));
      input.take(new EdgeEvent(3, true, 3, 6, 6));
      assertThat(input.eventsDropped()).isEqualTo(3);
      assertThat(input.edges()).isEqualTo(3);
      assertThat(input.lastEdgeNanos()).isEqualTo(3);
      input.close();
    }
  }
}
