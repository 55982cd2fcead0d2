package dev.pollux.http.internal.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link FrameParser}: frames, limits, protocol errors, and every split of the input. */
class FrameParserTest {

  /** A masked client frame. */
  static byte[] frame(boolean fin, int rsv, int opcode, byte[] payload, byte[] mask) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write((fin ? 0x80 : 0) | rsv << 4 | opcode);
    int maskBit = mask == null ? 0 : 0x80;
    if (payload.length < 126) {
      out.write(maskBit | payload.length);
    } else if (payload.length <= 0xFFFF) {
      out.write(maskBit | 126);
      out.write(payload.length >>> 8);
      out.write(payload.length & 0xFF);
    } else {
      out.write(maskBit | 127);
      for (int i = 7; i >= 0; i--) {
        out.write((int) ((long) payload.length >>> (8 * i)) & 0xFF);
      }
    }
    if (mask != null) {
      out.writeBytes(mask);
    }
    for (int i = 0; i < payload.length; i++) {
      out.write(payload[i] ^ (mask == null ? 0 : mask[i & 3]));
    }
    return out.toByteArray();
  }

  static byte[] masked(int opcode, boolean fin, String text) {
    return frame(fin, 0, opcode, text.getBytes(StandardCharsets.UTF_8), new byte[] {1, 2, 3, 4});
  }

  @Test
  void holdsOnlyThePayloadBytesReceivedNotTheLengthDeclared() {
    byte[] payload = new byte[65_535];
    new Random(7).nextBytes(payload);
    byte[] wire = frame(true, 0, FrameParser.BINARY, payload, new byte[] {9, 8, 7, 6});
    int header = wire.length - payload.length;
    FrameParser parser = new FrameParser();
    parser.budget(1 << 16);
    ByteBuffer first = ByteBuffer.wrap(wire, 0, header + 4);
    assertThat(parser.parse(first)).isInstanceOf(FrameParser.NeedMore.class);
    assertThat(parser.heldBytes()).as("bytes held after 4 of 65 535 declared").isEqualTo(4);
    int at = header + 4;
    while (at < wire.length) {
      int end = Math.min(wire.length, at + 1000);
      FrameParser.Result result = parser.parse(ByteBuffer.wrap(wire, at, end - at));
      assertThat(parser.heldBytes() <= 2L * (end - header) || result instanceof FrameParser.Frame)
          .as("bytes held after %d received: %d", end - header, parser.heldBytes())
          .isTrue();
      at = end;
    }
    assertThat(parser.payload()).isEqualTo(payload);
  }

  /** Parses {@code input} fed in pieces of {@code cuts}; a line per frame or error. */
  static List<String> parse(byte[] input, int... cuts) {
    FrameParser parser = new FrameParser();
    parser.budget(1 << 16);
    List<String> seen = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= cuts.length; i++) {
      int end = i < cuts.length ? cuts[i] : input.length;
      ByteBuffer piece = ByteBuffer.wrap(input, start, end - start);
      while (piece.hasRemaining()) {
        FrameParser.Result result = parser.parse(piece);
        if (result instanceof FrameParser.Frame) {
          seen.add(
              (parser.fin() ? "fin " : "more ")
                  + parser.opcode()
                  + " "
                  + HexFormat.of().formatHex(parser.payload()));
        } else if (result instanceof FrameParser.Invalid invalid) {
          seen.add("invalid " + invalid.code() + " " + invalid.reason());
          return seen;
        }
      }
      start = end;
    }
    return seen;
  }

  @Test
  void parsesTheRfcExampleHello() {
    byte[] hello = HexFormat.of().parseHex("818537fa213d7f9f4d5158");
    assertThat(parse(hello)).containsExactly("fin 1 48656c6c6f");
  }

  @ParameterizedTest(name = "payload of {0} bytes")
  @ValueSource(ints = {0, 1, 125, 126, 127, 65535, 65536})
  void parsesEachLengthEncoding(int length) {
    byte[] payload = new byte[length];
    new Random(length).nextBytes(payload);
    byte[] input = frame(true, 0, 2, payload, new byte[] {9, 8, 7, 6});
    assertThat(parse(input))
        .as("frame with a payload of %d bytes", length)
        .containsExactly("fin 2 " + HexFormat.of().formatHex(payload));
  }

  @Test
  void everySplitGivesTheSameFrames() {
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    stream.writeBytes(masked(1, false, "Hel"));
    stream.writeBytes(frame(true, 0, 9, new byte[] {1, 2}, new byte[] {5, 6, 7, 8}));
    stream.writeBytes(masked(0, true, "lo"));
    stream.writeBytes(frame(true, 0, 2, new byte[300], new byte[] {1, 1, 1, 1}));
    stream.writeBytes(masked(8, true, "\u0003\u00e8bye"));
    byte[] input = stream.toByteArray();
    List<String> whole = parse(input);
    assertThat(whole).hasSize(5);
    for (int cut = 0; cut <= input.length; cut++) {
      assertThat(parse(input, cut)).as("split at %d", cut).isEqualTo(whole);
    }
    int[] everyByte = new int[input.length - 1];
    for (int i = 0; i < everyByte.length; i++) {
      everyByte[i] = i + 1;
    }
    assertThat(parse(input, everyByte)).as("one byte at a time").isEqualTo(whole);
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 42, 4711})
  void randomSplitsAndArbitraryBytesGiveOnlyFramesOrOneError(long seed) {
    Random random = new Random(seed);
    byte[] junk = new byte[2_000];
    random.nextBytes(junk);
    List<String> whole = parse(junk);
    int[] cuts = random.ints(20, 0, junk.length).sorted().distinct().toArray();
    assertThat(parse(junk, cuts))
        .as("seed %d: random split of random bytes", seed)
        .isEqualTo(whole);
    assertThat(whole.stream().filter(s -> s.startsWith("invalid")).count())
        .as("seed %d: errors", seed)
        .isLessThanOrEqualTo(1);
  }

  @ParameterizedTest(name = "{2}")
  @CsvSource({
    "81, 00, unmasked client frame",
    "c1, 80, reserved bits set without an extension",
    "a1, 80, reserved bits set without an extension",
    "91, 80, reserved bits set without an extension",
    "83, 80, unknown opcode",
    "87, 80, unknown opcode",
    "8b, 80, unknown opcode",
    "8f, 80, unknown opcode",
    "09, 80, fragmented control frame",
    "89, fe, control frame too long",
    "88, ff, control frame too long",
  })
  void refusesBrokenHeadersWith1002(String first, String second, String reason) {
    byte[] input = HexFormat.of().parseHex(first + second + "00000000");
    assertThat(parse(input)).containsExactly("invalid 1002 " + reason);
  }

  @Test
  void refusesA64BitLengthWithTheTopBitSet() {
    byte[] input = HexFormat.of().parseHex("82ff8000000000000000");
    assertThat(parse(input))
        .containsExactly("invalid 1002 frame length with the most significant bit set");
  }

  @Test
  void refusesADataFrameOverTheBudgetBeforeBufferingIt() {
    FrameParser parser = new FrameParser();
    parser.budget(100);
    byte[] header = HexFormat.of().parseHex("82ff0000000100000000"); // 4 GiB announced
    assertThat(parser.parse(ByteBuffer.wrap(header)))
        .isEqualTo(new FrameParser.Invalid(1009, "frame too long"));
  }
}
