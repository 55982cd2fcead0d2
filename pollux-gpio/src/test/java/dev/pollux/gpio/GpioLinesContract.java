package dev.pollux.gpio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The line logic's behaviour on any {@link GpioChips}: the fake chip ({@code FakeGpioLinesIT},
 * always) and the real character device ({@code CdevGpioLinesIT}, where a {@code gpio-sim} chip
 * exists to drive the inputs).
 */
abstract class GpioLinesContract {

  static final Duration WAIT = Duration.ofSeconds(20);

  private GpioLines lines;

  /** The chips under test. */
  abstract GpioChips chips();

  /** The chip the lines are on. */
  abstract String chip();

  /** Drives the physical level of input line {@code offset} from outside. */
  abstract void drive(int offset, int level) throws Exception;

  @AfterEach
  void release() {
    if (lines != null) {
      lines.close();
    }
  }

  private GpioLines open(LineSpec... specs) throws LineSetupException {
    lines = GpioLines.open(chips(), List.of(specs), 0);
    return lines;
  }

  private LineSpec input(String name, int offset, Edge edge) {
    return new LineSpec(
        name,
        chip(),
        Integer.toString(offset),
        LineSettings.input(edge, Bias.AS_IS, false, Duration.ZERO));
  }

  @Test
  void anOutputIsRequestedSetAndReleased() throws Exception {
    GpioLines opened =
        open(new LineSpec("relay", chip(), "3", LineSettings.output(Bias.AS_IS, false, 1)));
    GpioOutput relay = opened.outputs().getFirst();
    assertThat(relay.value()).as("initial value").isEqualTo(1);
    relay.set(0);
    assertThat(relay.value()).isZero();
    try (GpioChip chip = chips().open(chip())) {
      LineInfo info = chip.lineInfo(3);
      assertThat(info.used()).isTrue();
      assertThat(info.consumer()).isEqualTo(GpioLines.CONSUMER);
      assertThat(info.direction()).isEqualTo(Direction.OUTPUT);
      opened.close();
      assertThat(chip.lineInfo(3).used()).as("released on close").isFalse();
    }
  }

  @Test
  void anInputReadsTheLevelItIsDriven() throws Exception {
    GpioInput door = open(input("door", 1, Edge.NONE)).inputs().getFirst();
    drive(1, 1);
    await().atMost(WAIT).until(() -> door.value() == 1);
    drive(1, 0);
    await().atMost(WAIT).until(() -> door.value() == 0);
  }

  @Test
  void edgesReachTheListenerAsTheyHappen() throws Exception {
    drive(1, 0);
    GpioInput door = open(input("door", 1, Edge.BOTH)).inputs().getFirst();
    BlockingQueue<EdgeEvent> edges = new LinkedBlockingQueue<>();
    door.start((input, event) -> edges.add(event));
    drive(1, 1);
    EdgeEvent rising = edges.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(rising).as("rising edge").isNotNull();
    assertThat(rising.rising()).isTrue();
    assertThat(rising.offset()).isEqualTo(1);
    drive(1, 0);
    EdgeEvent falling = edges.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(falling).as("falling edge").isNotNull();
    assertThat(falling.rising()).isFalse();
    assertThat(falling.lineSeqno()).isEqualTo(rising.lineSeqno() + 1);
    assertThat(falling.timestampNanos()).isGreaterThanOrEqualTo(rising.timestampNanos());
    assertThat(door.value()).isZero();
    assertThat(door.edges()).isEqualTo(2);
    assertThat(door.eventsDropped()).isZero();
  }

  @Test
  void eventsTheKernelDroppedAreCounted() throws Exception {
    drive(2, 0);
    lines = GpioLines.open(chips(), List.of(input("bell", 2, Edge.BOTH)), 4);
    GpioInput bell = lines.inputs().getFirst();
    for (int i = 0; i < 10; i++) {
      drive(2, (i + 1) % 2); // 10 edges while no one reads: a buffer of 4 keeps the last 4
    }
    BlockingQueue<EdgeEvent> edges = new LinkedBlockingQueue<>();
    bell.start((input, event) -> edges.add(event));
    await().atMost(WAIT).until(() -> bell.edges() == 4);
    assertThat(bell.eventsDropped()).as("dropped (gaps in line_seqno)").isEqualTo(6);
    assertThat(edges).extracting(EdgeEvent::lineSeqno).containsExactly(7, 8, 9, 10);
  }

  @Test
  void aBusyLineNamesItsHolder() throws Exception {
    open(input("door", 1, Edge.NONE));
    assertThatThrownBy(() -> GpioLines.open(chips(), List.of(input("again", 1, Edge.NONE)), 0))
        .isInstanceOf(LineSetupException.class)
        .hasMessageContaining(chip() + " line 1 is busy: held by \"pollux\"");
  }

  @Test
  void aLineIsFoundByItsName() throws Exception {
    String name;
    try (GpioChip chip = chips().open(chip())) {
      name = chip.lineInfo(4).name();
    }
    assertThat(name).as("line 4 has a name on this chip").isNotEmpty();
    GpioLines opened =
        open(new LineSpec("lamp", chip(), name, LineSettings.output(Bias.AS_IS, false, 0)));
    assertThat(opened.outputs().getFirst().offset()).isEqualTo(4);
  }

  @Test
  void shutdownStopsTheReaderAndReleasesTheLines() throws Exception {
    GpioLines opened = open(input("door", 1, Edge.BOTH));
    opened.inputs().getFirst().start((input, event) -> {});
    await().atMost(WAIT).until(() -> readerThreads() == 1);
    opened.close();
    assertThat(readerThreads()).as("reader threads after close").isZero();
    try (GpioChip chip = chips().open(chip())) {
      assertThat(chip.lineInfo(1).used()).isFalse();
    }
  }

  private static long readerThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals("pollux-gpio-door") && t.isAlive())
        .count();
  }
}
