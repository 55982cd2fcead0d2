package dev.pollux.loop.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** What a TLS connection keeps between reads follows the bytes that came, within a bound. */
class HeldCiphertextTest {

  private final HeldCiphertext held = new HeldCiphertext();

  @Test
  void holdsNothingUntilARecordIsIncomplete() {
    held.keepRest(ByteBuffer.allocate(0));

    assertThat(held.isEmpty()).isTrue();
    assertThat(held.capacity()).isZero();
  }

  @Test
  void keepsAPartialRecordInABufferTheSizeItsHeaderDeclares() {
    ByteBuffer in = record(1_000, 300); // a 1 005-byte record of which 300 bytes came

    held.keepRest(in);

    assertThat(held.capacity()).isEqualTo(1_005);
    assertThat(held.buffer().remaining()).isEqualTo(300);
  }

  @Test
  void theLongestRecordAHeaderCanDeclareIsHeldWithinTheBound() {
    held.keepRest(record(65_535, 5));

    assertThat(held.capacity()).isEqualTo(65_540).isLessThan(HeldCiphertext.MAX_BYTES);
  }

  @Test
  void aHeaderNotYetCompleteStartsSmall() {
    held.keepRest(ByteBuffer.wrap(new byte[] {0x17, 0x03}));

    assertThat(held.capacity()).isEqualTo(512);
  }

  @Test
  void growsByDoublingAsBytesArriveAndRefusesBeyondTheBound() {
    held.keepRest(ByteBuffer.wrap(new byte[] {0x17}));
    int appends = 0;
    while (held.append(ByteBuffer.allocate(1_000))) {
      appends++;
    }

    assertThat(held.capacity()).isEqualTo(HeldCiphertext.MAX_BYTES);
    assertThat(appends).isEqualTo((HeldCiphertext.MAX_BYTES - 1) / 1_000);
    assertThat(held.bytesWith(ByteBuffer.allocate(1_000))).isGreaterThan(HeldCiphertext.MAX_BYTES);
  }

  @Test
  void letsGoOnceUsedUp() {
    held.keepRest(record(100, 50));
    held.append(ByteBuffer.allocate(55));
    ByteBuffer buffer = held.buffer();
    buffer.position(buffer.limit()); // unwrapped

    held.releaseIfUsedUp();

    assertThat(held.isEmpty()).isTrue();
    assertThat(held.capacity()).isZero();
  }

  /** The first {@code bytes} of an application-data record whose header declares {@code length}. */
  private static ByteBuffer record(int length, int bytes) {
    ByteBuffer record = ByteBuffer.allocate(bytes);
    record.put((byte) 0x17).put((byte) 3).put((byte) 3);
    record.put((byte) (length >>> 8)).put((byte) length);
    return record.position(0);
  }
}
