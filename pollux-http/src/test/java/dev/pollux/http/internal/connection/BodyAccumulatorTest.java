package dev.pollux.http.internal.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@link BodyAccumulator}: memory follows the bytes received, never the length declared. */
class BodyAccumulatorTest {

  private static final long ONE_MIB = 1 << 20;

  private final BodyAccumulator body = new BodyAccumulator();

  private static ByteBuffer bytes(String s) {
    return ByteBuffer.wrap(s.getBytes(StandardCharsets.ISO_8859_1));
  }

  @Test
  void holdsLittleForOneByteOfALargeDeclaredBody() {
    ByteBuffer read = bytes("x");
    body.add(read, 0, 1, ONE_MIB);
    body.own(ONE_MIB); // the read buffer is about to be reused
    assertThat(body.heldBytes())
        .as("bytes held after 1 byte of a declared 1 MiB body")
        .isLessThanOrEqualTo(BodyAccumulator.FIRST_BYTES);
  }

  @Test
  void growsWithTheBytesReceivedAndKeepsThemInOrder() {
    StringBuilder expected = new StringBuilder();
    for (int i = 0; i < 100; i++) {
      String piece = String.valueOf((char) ('a' + i % 26)).repeat(100);
      expected.append(piece);
      body.add(bytes(piece), 0, piece.length(), ONE_MIB);
      body.own(ONE_MIB);
      assertThat(body.heldBytes())
          .as("bytes held after %d received", expected.length())
          .isLessThanOrEqualTo(Math.max(BodyAccumulator.FIRST_BYTES, 2 * expected.length()));
    }
    ByteBuffer all = body.body();
    byte[] got = new byte[all.remaining()];
    all.get(got);
    assertThat(new String(got, StandardCharsets.ISO_8859_1)).isEqualTo(expected.toString());
  }

  @Test
  void neverHoldsMoreThanTheDeclaredLength() {
    body.add(bytes("abc"), 0, 3, 5);
    body.add(bytes("de"), 0, 2, 5);
    assertThat(body.heldBytes()).isEqualTo(5);
  }
}
