package dev.pollux.http.internal.codec;

import static dev.pollux.http.internal.codec.ParserDriver.show;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pollux.http.internal.codec.ParserDriver.Outcome;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties of the parser over random pipelined streams, one seed per run (printed on failure).
 */
class RequestParserPropertyTest {

  static LongStream seeds() {
    return LongStream.range(0, 200).map(i -> 0x5EED_0000L + i);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void anySplitOfAValidPipelinedStreamGivesTheSameRequests(long seed) {
    Random random = new Random(seed);
    byte[] stream = RequestStreams.pipelined(random);
    Outcome whole = ParserDriver.whole(stream, ParserLimits.DEFAULT);
    assertThat(whole.status()).as("seed %d: status of %s", seed, show(stream)).isZero();
    assertThat(whole.needMore()).as("seed %d: incomplete after %s", seed, show(stream)).isFalse();
    assertThat(whole.requests()).as("seed %d: requests of %s", seed, show(stream)).isNotEmpty();
    for (int round = 0; round < 20; round++) {
      int[] sizes = randomSplit(random, stream.length);
      assertThat(ParserDriver.run(stream, sizes, ParserLimits.DEFAULT))
          .as(
              "seed %d round %d: pieces %s of %s",
              seed, round, Arrays.toString(sizes), show(stream))
          .isEqualTo(whole);
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void mutatedRequestsGiveARequestOrAnErrorStatusAndNeverThrow(long seed) {
    Random random = new Random(seed);
    for (int round = 0; round < 50; round++) {
      byte[] input = mutate(random, RequestStreams.pipelined(random));
      Outcome outcome =
          ParserDriver.run(input, randomSplit(random, input.length), ParserLimits.DEFAULT);
      if (outcome.status() != 0) {
        assertThat(outcome.status())
            .as("seed %d: status of %s", seed, show(input))
            .isBetween(400, 599);
      } else {
        assertThat(outcome.requests().isEmpty() && !outcome.needMore() && input.length > 0)
            .as(
                "seed %d: %s gave neither a request, a status nor a wait: %s",
                seed, show(input), outcome)
            .isFalse();
      }
    }
  }

  private static int[] randomSplit(Random random, int length) {
    List<Integer> sizes = new ArrayList<>();
    int left = length;
    while (left > 0) {
      int n = 1 + random.nextInt(Math.min(left, random.nextBoolean() ? 3 : 64));
      sizes.add(n);
      left -= n;
    }
    return sizes.stream().mapToInt(Integer::intValue).toArray();
  }

  private static final byte[] SPECIAL = {'\r', '\n', ' ', '\t', ':', ';', ',', 0, (byte) 0xFF, '0'};

  private static byte[] mutate(Random random, byte[] input) {
    byte[] bytes = input;
    int mutations = 1 + random.nextInt(4);
    for (int m = 0; m < mutations && bytes.length > 0; m++) {
      int at = random.nextInt(bytes.length);
      byte value =
          random.nextBoolean() ? SPECIAL[random.nextInt(SPECIAL.length)] : (byte) random.nextInt();
      bytes =
          switch (random.nextInt(4)) {
            case 0 -> replace(bytes, at, value);
            case 1 -> insert(bytes, at, value);
            case 2 -> delete(bytes, at);
            default -> Arrays.copyOf(bytes, at); // truncate
          };
    }
    return bytes;
  }

  private static byte[] replace(byte[] bytes, int at, byte value) {
    byte[] copy = bytes.clone();
    copy[at] = value;
    return copy;
  }

  private static byte[] insert(byte[] bytes, int at, byte value) {
    byte[] copy = new byte[bytes.length + 1];
    System.arraycopy(bytes, 0, copy, 0, at);
    copy[at] = value;
    System.arraycopy(bytes, at, copy, at + 1, bytes.length - at);
    return copy;
  }

  private static byte[] delete(byte[] bytes, int at) {
    byte[] copy = new byte[bytes.length - 1];
    System.arraycopy(bytes, 0, copy, 0, at);
    System.arraycopy(bytes, at + 1, copy, at, bytes.length - at - 1);
    return copy;
  }
}
