package dev.pollux.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LineCodecTest {

  private static final String INPUT = "temp\r\nlist\n\nget cpu\r\n\r\nwatch all 1s\nünïcødé\r\n";
  private static final List<String> LINES =
      List.of("temp", "list", "", "get cpu", "", "watch all 1s", "ünïcødé");

  /** What a codec reported: its lines, then "TOO LONG" if it was told so. */
  private static final class Recorder implements LineCodec.Listener {
    final List<String> events = new ArrayList<>();

    @Override
    public void onLine(String line) {
      events.add(line);
    }

    @Override
    public void onLineTooLong() {
      events.add("TOO LONG");
    }
  }

  private static List<String> decode(int maxLineBytes, byte[]... chunks) {
    Recorder recorder = new Recorder();
    LineCodec codec = new LineCodec(maxLineBytes, recorder);
    for (byte[] chunk : chunks) {
      ByteBuffer buffer = ByteBuffer.wrap(chunk);
      codec.decode(buffer);
      assertThat(buffer.hasRemaining()).as("decode() consumes all of its input").isFalse();
    }
    return recorder.events;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void splitsLinesEndingWithNewlineOrCarriageReturnNewline() {
    assertThat(decode(100, bytes(INPUT))).isEqualTo(LINES);
  }

  @Test
  void everySplitIntoTwoGivesTheSameLines() {
    byte[] input = bytes(INPUT);
    for (int at = 0; at <= input.length; at++) {
      byte[] first = Arrays.copyOfRange(input, 0, at);
      byte[] second = Arrays.copyOfRange(input, at, input.length);
      assertThat(decode(100, first, second)).as("input split at byte %d", at).isEqualTo(LINES);
    }
  }

  @Test
  void oneByteAtATimeGivesTheSameLines() {
    byte[] input = bytes(INPUT);
    byte[][] chunks = new byte[input.length][];
    for (int i = 0; i < input.length; i++) {
      chunks[i] = new byte[] {input[i]};
    }
    assertThat(decode(100, chunks)).isEqualTo(LINES);
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 42, 2026, 31337})
  void randomSplitsGiveTheSameLines(long seed) {
    Random random = new Random(seed);
    byte[] input = bytes(INPUT.repeat(5));
    List<byte[]> chunks = new ArrayList<>();
    for (int at = 0; at < input.length; ) {
      int length = Math.min(input.length - at, 1 + random.nextInt(9));
      chunks.add(Arrays.copyOfRange(input, at, at + length));
      at += length;
    }
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      expected.addAll(LINES);
    }
    assertThat(decode(100, chunks.toArray(byte[][]::new)))
        .as("lines of random chunks, seed %d", seed)
        .isEqualTo(expected);
  }

  @ParameterizedTest(name = "max {0}: {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "4|abcd\\n|abcd",
        "4|abcd\\r\\n|abcd",
        "4|abcde\\n|TOO LONG",
        "4|abcd\\rx\\n|TOO LONG",
        "4|abcdef|TOO LONG",
        "4|abcde|TOO LONG",
        "4|abcd\\r|",
        "4|abcd|",
        "1|\\r\\n|''",
      })
  void limitsTheLineWithoutItsEnding(int max, String input, String expected) {
    String text = input.replace("\\r", "\r").replace("\\n", "\n");
    List<String> want = expected == null ? List.of() : List.of(expected);
    assertThat(decode(max, bytes(text))).as("decode(%s) with max %d", input, max).isEqualTo(want);
    byte[] raw = bytes(text);
    byte[][] oneByOne = new byte[raw.length][];
    for (int i = 0; i < raw.length; i++) {
      oneByOne[i] = new byte[] {raw[i]};
    }
    assertThat(decode(max, oneByOne))
        .as("decode(%s) one byte at a time with max %d", input, max)
        .isEqualTo(want);
  }

  @Test
  void reportsTooLongBeforeTheLineEndsAndIgnoresTheRest() {
    assertThat(decode(8, bytes("ok\n"), bytes("x".repeat(10)), bytes("more\nlines\n")))
        .isEqualTo(List.of("ok", "TOO LONG"));
  }

  @Test
  void aLongLineWithinTheLimitSurvivesManyChunks() {
    String line = "y".repeat(5000);
    byte[] input = bytes(line + "\n");
    List<byte[]> chunks = new ArrayList<>();
    for (int at = 0; at < input.length; at += 7) {
      chunks.add(Arrays.copyOfRange(input, at, Math.min(input.length, at + 7)));
    }
    assertThat(decode(5000, chunks.toArray(byte[][]::new))).isEqualTo(List.of(line));
  }

  @Test
  void readsFromDirectBuffers() {
    Recorder recorder = new Recorder();
    LineCodec codec = new LineCodec(100, recorder);
    byte[] input = bytes(INPUT);
    codec.decode(ByteBuffer.allocateDirect(input.length).put(input).flip());
    assertThat(recorder.events).isEqualTo(LINES);
  }

  @Test
  void rejectsANonPositiveLimit() {
    assertThatThrownBy(() -> new LineCodec(0, new Recorder()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxLineBytes < 1: 0");
  }
}
