package dev.pollux.http.internal.codec;

import dev.pollux.http.Method;
import java.nio.charset.StandardCharsets;

/**
 * Builds {@link RequestHead}s as the parser leaves them, also the partial heads of refused requests
 * with bytes no valid request has, for unit tests of the layers above the codec.
 */
public final class TestHeads {

  private TestHeads() {}

  /** A head with nothing parsed: no method, no target. */
  public static RequestHead empty() {
    return new RequestHead(16);
  }

  /** A head whose bytes are {@code prefix} then {@code target}, with {@code method}. */
  public static RequestHead of(Method method, String prefix, String target) {
    RequestHead head = new RequestHead(16);
    byte[] prefixBytes = prefix.getBytes(StandardCharsets.ISO_8859_1);
    for (byte b : prefixBytes) {
      head.append(b);
    }
    for (byte b : target.getBytes(StandardCharsets.ISO_8859_1)) {
      head.append(b);
    }
    head.method = method;
    head.targetStart = prefixBytes.length;
    head.originStart = prefixBytes.length;
    head.targetEnd = prefixBytes.length + target.length();
    return head;
  }
}
