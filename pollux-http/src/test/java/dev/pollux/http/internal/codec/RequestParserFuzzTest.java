package dev.pollux.http.internal.codec;

import static dev.pollux.http.internal.codec.ParserDriver.show;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.pollux.http.internal.codec.ParseResult.Invalid;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Set;

/**
 * Coverage-guided fuzzing of the request parser with Jazzer; {@link ChunkedBodyFuzzTest} aims at
 * the chunked decoder behind it.
 *
 * <p>Invariants for any bytes, any split and any limits: {@code parse} never throws and always
 * makes progress; it answers only {@code NeedMore} (with the input used up), a head, content,
 * {@code Complete} or {@code Invalid} with one of the documented statuses; {@code Invalid} is
 * final; no head or body passes its limit; and the split never changes the outcome.
 *
 * <p>Under {@code bin/test} (Jazzer's regression mode) it replays the inputs committed under {@code
 * src/test/resources/dev/pollux/http/internal/codec/RequestParserFuzzTestInputs/}; with {@code
 * JAZZER_FUZZ=1} (the {@code fuzz} execution of this module's pom, part of {@code bin/test}) it
 * fuzzes for {@code maxDuration}, one fuzz test per JVM (see docs/robustness.md).
 */
class RequestParserFuzzTest {

  private static final Set<Integer> STATUSES = Set.of(400, 413, 414, 417, 431, 501, 505);

  @FuzzTest(maxDuration = "20s")
  void anyBytesGiveARequestAWaitOrAnErrorStatus(FuzzedDataProvider data) {
    ParserLimits limits = limits(data);
    int[] sizes = sizes(data);
    byte[] input = data.consumeRemainingAsBytes();
    check(input, sizes, limits);
  }

  static ParserLimits limits(FuzzedDataProvider data) {
    return data.consumeBoolean()
        ? ParserLimits.DEFAULT
        : new ParserLimits(
            data.consumeInt(1, 300),
            data.consumeInt(1, 600),
            data.consumeInt(1, 12),
            data.consumeLong(0, 2000));
  }

  static int[] sizes(FuzzedDataProvider data) {
    int[] sizes = new int[data.consumeInt(1, 8)];
    for (int i = 0; i < sizes.length; i++) {
      sizes[i] = data.consumeInt(1, 64);
    }
    return sizes;
  }

  static void check(byte[] input, int[] pattern, ParserLimits limits) {
    String trace = show(input) + " with " + limits;
    Outcome whole = drive(input, new int[] {Math.max(1, input.length)}, limits, trace);
    Outcome split = drive(input, pattern, limits, trace);
    assertThat(split).as("split %s of %s", Arrays.toString(pattern), trace).isEqualTo(whole);
  }

  /** The requests' count, their body bytes and the final status (0 if none), checking each step. */
  record Outcome(int requests, long bodyBytes, int status) {}

  private static Outcome drive(byte[] input, int[] pattern, ParserLimits limits, String trace) {
    RequestParser parser = new RequestParser(limits);
    int requests = 0;
    long bodyBytes = 0;
    long messageBody = 0;
    int offset = 0;
    for (int piece = 0; offset < input.length; piece++) {
      int size = Math.min(pattern[piece % pattern.length], input.length - offset);
      ByteBuffer in = ByteBuffer.wrap(input, offset, size).slice();
      offset += size;
      for (int calls = 0; ; calls++) {
        assertThat(calls).as("calls of parse on one piece of %s", trace).isLessThan(4 * size + 8);
        int before = in.position();
        ParseResult result = parser.parse(in);
        if (result instanceof Invalid invalid) {
          assertThat(invalid.status()).as("status for %s", trace).isIn(STATUSES);
          assertThat(parser.parse(ByteBuffer.wrap(new byte[] {'G'})))
              .as("parse after %s on %s", invalid, trace)
              .isEqualTo(invalid);
          return new Outcome(requests, bodyBytes, invalid.status());
        }
        if (result instanceof ParseResult.NeedMore) {
          assertThat(in.hasRemaining()).as("NeedMore with bytes left on %s", trace).isFalse();
          break;
        }
        if (result instanceof ParseResult.HeadComplete) {
          RequestHead head = parser.head();
          assertThat(head.target().length())
              .as("target of %s", trace)
              .isLessThanOrEqualTo(limits.maxRequestLineBytes());
          assertThat(head.fieldCount())
              .as("fields of %s", trace)
              .isLessThanOrEqualTo(limits.maxHeaderFields());
          messageBody = 0;
        } else if (result instanceof ParseResult.Content) {
          assertThat(parser.contentLength()).as("content of %s", trace).isNotNegative();
          messageBody += parser.contentLength();
          bodyBytes += parser.contentLength();
          assertThat(messageBody)
              .as("body bytes of %s", trace)
              .isLessThanOrEqualTo(limits.maxBodyBytes());
        } else if (result instanceof ParseResult.Complete) {
          requests++;
        } else {
          assertThat(in.position()).as("progress of %s on %s", result, trace).isGreaterThan(before);
        }
      }
    }
    return new Outcome(requests, bodyBytes, 0);
  }
}
