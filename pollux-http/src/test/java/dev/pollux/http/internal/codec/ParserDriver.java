package dev.pollux.http.internal.codec;

import dev.pollux.http.internal.codec.ParseResult.Invalid;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Feeds raw bytes to a {@link RequestParser} in pieces and records what came out, as one comparable
 * value: the requests (method, target, version, keep-alive, fields, body) and the final decision.
 */
final class ParserDriver {

  /** What parsing a whole input gave. {@code status} is 0 unless the input was invalid. */
  record Outcome(List<String> requests, int status, boolean needMore) {
    @Override
    public String toString() {
      return "requests=" + requests + " status=" + status + " needMore=" + needMore;
    }
  }

  private ParserDriver() {}

  static Outcome whole(byte[] input, ParserLimits limits) {
    return run(input, new int[] {input.length}, limits);
  }

  static Outcome splitAt(byte[] input, int offset, ParserLimits limits) {
    return run(input, new int[] {offset, input.length - offset}, limits);
  }

  static Outcome oneByteAtATime(byte[] input, ParserLimits limits) {
    int[] sizes = new int[input.length];
    Arrays.fill(sizes, 1);
    return run(input, sizes, limits);
  }

  /** Feeds {@code input} in consecutive pieces of {@code sizes} bytes, each in a fresh buffer. */
  static Outcome run(byte[] input, int[] sizes, ParserLimits limits) {
    RequestParser parser = new RequestParser(limits);
    List<String> requests = new ArrayList<>();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    int offset = 0;
    boolean needMore = false;
    for (int size : sizes) {
      // A direct buffer with junk around the piece, as the loop's read buffer would be.
      ByteBuffer in = ByteBuffer.allocateDirect(size + 2);
      in.put((byte) 'X').put(input, offset, size).put((byte) 'Y');
      in.position(1).limit(1 + size);
      offset += size;
      int calls = 0;
      while (true) {
        if (++calls > 4 * input.length + 16) {
          throw new AssertionError("parser does not make progress on " + show(input));
        }
        ParseResult result = parser.parse(in);
        if (result instanceof Invalid invalid) {
          return new Outcome(requests, invalid.status(), false);
        }
        if (result instanceof ParseResult.NeedMore) {
          needMore = !parser.idle();
          break;
        }
        if (result instanceof ParseResult.Content) {
          for (int i = 0; i < parser.contentLength(); i++) {
            body.write(in.get(parser.contentOffset() + i));
          }
        } else if (result instanceof ParseResult.Complete) {
          requests.add(describe(parser.head(), body));
          body.reset();
        }
      }
    }
    return new Outcome(requests, 0, needMore);
  }

  private static String describe(RequestHead head, ByteArrayOutputStream body) {
    StringBuilder s = new StringBuilder();
    s.append(head.method()).append(' ').append(head.target()).append(" v").append(head.version());
    if (head.authority() != null) {
      s.append(" authority=").append(head.authority());
    }
    s.append(head.keepAlive() ? " keep" : " close");
    for (int i = 0; i < head.fieldCount(); i++) {
      s.append(" [").append(head.fieldName(i)).append('=').append(head.fieldValue(i)).append(']');
    }
    s.append(" body=").append(body.toString(StandardCharsets.ISO_8859_1));
    return s.toString();
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  static String show(byte[] input) {
    return new String(input, StandardCharsets.ISO_8859_1)
        .replace("\r", "\\r")
        .replace("\n", "\\n")
        .replace("\0", "\\0");
  }
}
