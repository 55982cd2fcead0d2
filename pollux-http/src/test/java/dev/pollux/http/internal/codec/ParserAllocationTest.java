package dev.pollux.http.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.ThreadMXBean;
import dev.pollux.http.internal.SuppressForbidden;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The parser allocates nothing for valid pipelined requests once warm: the design target of issue 3
 * (zero bytes per pipelined plaintext request in the parser), measured with the JVM's per-thread
 * allocation counter.
 */
@SuppressWarnings("StringConcatToTextBlock") // CRLFs read better as escapes
class ParserAllocationTest {

  private static final String PLAINTEXT =
      "GET /plaintext HTTP/1.1\r\nHost: localhost:8080\r\nAccept: text/plain,text/html;q=0.9\r\n"
          + "Connection: keep-alive\r\nUser-Agent: wrk\r\n\r\n";

  @Test
  @SuppressForbidden // the per-thread allocation counter is HotSpot's own API
  void parsesPipelinedPlaintextRequestsWithoutAllocating() {
    ByteBuffer batch =
        ByteBuffer.allocateDirect(PLAINTEXT.length() * 16)
            .put(PLAINTEXT.repeat(16).getBytes(StandardCharsets.US_ASCII))
            .flip();
    RequestParser parser = new RequestParser(ParserLimits.DEFAULT);
    parseBatches(parser, batch, 20_000); // warm up: let the JIT compile and inline
    ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    long id = Thread.currentThread().threadId();
    long before = threads.getThreadAllocatedBytes(id);
    int batches = 20_000;
    int requests = parseBatches(parser, batch, batches);
    long allocated = threads.getThreadAllocatedBytes(id) - before;
    assertThat(requests).isEqualTo(batches * 16);
    assertThat((double) allocated / requests)
        .as("bytes allocated per request over %d requests (%d in all)", requests, allocated)
        .isLessThan(1.0);
  }

  private static int parseBatches(RequestParser parser, ByteBuffer batch, int batches) {
    int complete = 0;
    for (int i = 0; i < batches; i++) {
      batch.position(0);
      while (true) {
        ParseResult result = parser.parse(batch);
        if (result instanceof ParseResult.Complete) {
          complete++;
        } else if (result instanceof ParseResult.NeedMore) {
          break;
        } else if (result instanceof ParseResult.Invalid invalid) {
          throw new AssertionError("parse gave " + invalid);
        }
      }
    }
    return complete;
  }
}
