package dev.pollux.gpio.internal;

import static dev.pollux.gpio.internal.GpioUapi.offset;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pollux.gpio.Bias;
import dev.pollux.gpio.Direction;
import dev.pollux.gpio.Edge;
import dev.pollux.gpio.EdgeEvent;
import dev.pollux.gpio.LineInfo;
import dev.pollux.gpio.LineSettings;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LineStructsTest {

  private static final long ATTR0 = offset(GpioUapi.LINE_REQUEST, "config", "attrs");

  @Test
  void anInputRequestCarriesItsFlagsAndDebounce() {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment request = arena.allocate(GpioUapi.LINE_REQUEST);
      LineSettings settings =
          LineSettings.input(Edge.BOTH, Bias.PULL_UP, true, Duration.ofMillis(10));
      LineStructs.writeRequest(request, 17, settings, "pollux", 0);
      assertThat(request.get(ValueLayout.JAVA_INT, 0)).as("offsets[0]").isEqualTo(17);
      assertThat(LineStructs.readName(request, offset(GpioUapi.LINE_REQUEST, "consumer")))
          .isEqualTo("pollux");
      assertThat(request.get(ValueLayout.JAVA_INT, offset(GpioUapi.LINE_REQUEST, "num_lines")))
          .isEqualTo(1);
      long flags = request.get(ValueLayout.JAVA_LONG, offset(GpioUapi.LINE_REQUEST, "config"));
      assertThat(flags)
          .isEqualTo(
              GpioUapi.FLAG_INPUT
                  | GpioUapi.FLAG_ACTIVE_LOW
                  | GpioUapi.FLAG_EDGE_RISING
                  | GpioUapi.FLAG_EDGE_FALLING
                  | GpioUapi.FLAG_BIAS_PULL_UP
                  | GpioUapi.FLAG_EVENT_CLOCK_REALTIME);
      assertThat(
              request.get(
                  ValueLayout.JAVA_INT, offset(GpioUapi.LINE_REQUEST, "config", "num_attrs")))
          .isEqualTo(1);
      assertThat(request.get(ValueLayout.JAVA_INT, ATTR0)).as("attr id").isEqualTo(3);
      assertThat(request.get(ValueLayout.JAVA_INT, ATTR0 + 8)).as("debounce us").isEqualTo(10_000);
      assertThat(request.get(ValueLayout.JAVA_LONG, ATTR0 + 16)).as("mask").isEqualTo(1);
    }
  }

  @Test
  void anOutputRequestCarriesItsInitialValue() {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment request = arena.allocate(GpioUapi.LINE_REQUEST);
      LineStructs.writeRequest(request, 27, LineSettings.output(Bias.AS_IS, false, 1), "p", 32);
      assertThat(request.get(ValueLayout.JAVA_LONG, offset(GpioUapi.LINE_REQUEST, "config")))
          .isEqualTo(GpioUapi.FLAG_OUTPUT);
      assertThat(request.get(ValueLayout.JAVA_INT, ATTR0)).as("attr id").isEqualTo(2);
      assertThat(request.get(ValueLayout.JAVA_LONG, ATTR0 + 8)).as("values").isEqualTo(1);
      assertThat(
              request.get(ValueLayout.JAVA_INT, offset(GpioUapi.LINE_REQUEST, "event_buffer_size")))
          .isEqualTo(32);
    }
  }

  @Test
  void lineInfoIsReadAsGpioinfoShowsIt() {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment info = arena.allocate(GpioUapi.LINE_INFO);
      LineStructs.writeName(info, 0, "GPIO17");
      LineStructs.writeName(info, 32, "a-consumer-name-of-exactly-32-by".substring(0, 31));
      info.set(ValueLayout.JAVA_INT, 64, 17);
      info.set(ValueLayout.JAVA_INT, 68, 1);
      info.set(
          ValueLayout.JAVA_LONG,
          72,
          GpioUapi.FLAG_USED
              | GpioUapi.FLAG_INPUT
              | GpioUapi.FLAG_EDGE_FALLING
              | GpioUapi.FLAG_BIAS_PULL_DOWN);
      info.set(ValueLayout.JAVA_INT, 80, GpioUapi.ATTR_ID_DEBOUNCE);
      info.set(ValueLayout.JAVA_INT, 88, 5000);
      LineInfo read = LineStructs.readLineInfo(info);
      assertThat(read)
          .isEqualTo(
              new LineInfo(
                  17,
                  "GPIO17",
                  "a-consumer-name-of-exactly-32-b",
                  true,
                  Direction.INPUT,
                  false,
                  Bias.PULL_DOWN,
                  Edge.FALLING,
                  Duration.ofMillis(5)));
    }
  }

  @Test
  void aFullNameWithoutItsNulIsReadWhole() {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment info = arena.allocate(GpioUapi.LINE_INFO);
      info.asSlice(0, 32).fill((byte) 'x'); // the kernel may fill all 32 bytes
      assertThat(LineStructs.readLineInfo(info).name()).hasSize(32);
    }
  }

  @Test
  void eventsAreReadFromTheBufferReadReturned() {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment events = arena.allocate(GpioUapi.LINE_EVENT, 2);
      MemorySegment second = events.asSlice(48);
      second.set(ValueLayout.JAVA_LONG, 0, 1_733_400_000_123_456_789L);
      second.set(ValueLayout.JAVA_INT, 8, GpioUapi.EVENT_FALLING_EDGE);
      second.set(ValueLayout.JAVA_INT, 12, 17);
      second.set(ValueLayout.JAVA_INT, 16, 9);
      second.set(ValueLayout.JAVA_INT, 20, 4);
      assertThat(LineStructs.readEvent(events, 1))
          .isEqualTo(new EdgeEvent(1_733_400_000_123_456_789L, false, 17, 9, 4));
    }
  }
}
