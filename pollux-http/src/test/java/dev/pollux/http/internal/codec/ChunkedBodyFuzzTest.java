package dev.pollux.http.internal.codec;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Coverage-guided fuzzing of the chunked body decoder (chunk sizes, extensions, trailers) behind a
 * fixed {@code POST} head, with the invariants of {@link RequestParserFuzzTest}. A class of its own
 * because Jazzer fuzzes one target per JVM.
 */
class ChunkedBodyFuzzTest {

  @FuzzTest(maxDuration = "15s")
  void anyChunkedBodyGivesABodyAWaitOrAnErrorStatus(FuzzedDataProvider data) {
    ParserLimits limits = RequestParserFuzzTest.limits(data);
    int[] sizes = RequestParserFuzzTest.sizes(data);
    byte[] body = data.consumeRemainingAsBytes();
    byte[] head =
        "POST /api HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
            .getBytes(StandardCharsets.ISO_8859_1);
    byte[] input = new byte[head.length + body.length];
    System.arraycopy(head, 0, input, 0, head.length);
    System.arraycopy(body, 0, input, head.length, body.length);
    RequestParserFuzzTest.check(input, sizes, limits);
  }
}
