package dev.pollux.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ResponseReaderTest {

  private static final String PLAINTEXT =
      "HTTP/1.1 200 OK\r\nContent-Length: 13\r\nContent-Type: text/plain\r\nServer: pollux\r\n"
          + "Date: Fri, 27 Nov 2026 12:00:00 GMT\r\n\r\nHello, World!";

  @Test
  void readsAResponseSplitAtEveryOffset() {
    byte[] bytes = ascii(PLAINTEXT);
    for (int split = 0; split <= bytes.length; split++) {
      ResponseReader reader = new ResponseReader();
      boolean first = reader.feed(ByteBuffer.wrap(bytes, 0, split));
      boolean second = reader.feed(ByteBuffer.wrap(bytes, split, bytes.length - split));

      assertThat(first)
          .as("feed(first %d bytes) of %d: complete too early", split, bytes.length)
          .isEqualTo(split == bytes.length);
      assertThat(second || first).as("feed(rest after %d bytes): complete", split).isTrue();
      assertThat(reader.status()).as("status after a split at %d", split).isEqualTo(200);
    }
  }

  @Test
  void readsAResponseOneByteAtATime() {
    byte[] bytes = ascii(PLAINTEXT);
    ResponseReader reader = new ResponseReader();
    int completeAt = -1;
    for (int i = 0; i < bytes.length && completeAt < 0; i++) {
      if (reader.feed(ByteBuffer.wrap(bytes, i, 1))) {
        completeAt = i;
      }
    }
    assertThat(completeAt)
        .as("index of the byte that completed the response")
        .isEqualTo(bytes.length - 1);
  }

  @Test
  void stopsAtTheEndOfTheResponse() {
    ByteBuffer in = ByteBuffer.wrap(ascii(PLAINTEXT + "HTTP/1.1 200 OK\r\n"));
    ResponseReader reader = new ResponseReader();

    assertThat(reader.feed(in)).as("feed(a response and the start of the next)").isTrue();
    assertThat(in.remaining()).as("bytes left unread").isEqualTo(17);
  }

  @Test
  void takesContentLengthInAnyCaseAndANoBodyResponse() {
    ResponseReader lower = new ResponseReader();
    ResponseReader none = new ResponseReader();

    assertThat(
            lower.feed(ByteBuffer.wrap(ascii("HTTP/1.1 200 OK\r\ncontent-LENGTH:  2 \r\n\r\nhi"))))
        .as("feed(lower-case content-length: 2, body hi)")
        .isTrue();
    assertThat(none.feed(ByteBuffer.wrap(ascii("HTTP/1.0 204 No Content\r\nServer: x\r\n\r\n"))))
        .as("feed(204 without Content-Length)")
        .isTrue();
    assertThat(none.status()).isEqualTo(204);
  }

  @Test
  void reportsTheStatusOfAnError() {
    ResponseReader reader = new ResponseReader();
    reader.feed(
        ByteBuffer.wrap(ascii("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n")));

    assertThat(reader.complete()).as("complete after a 503 without body").isTrue();
    assertThat(reader.status()).as("status").isEqualTo(503);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "SSH-2.0-OpenSSH_9.2\r\n",
        "HTTP/1.1 2x0 OK\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: 12a\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: \r\n"
      })
  void refusesWhatIsNotAResponse(String input) {
    ResponseReader reader = new ResponseReader();

    assertThat(reader.feed(ByteBuffer.wrap(ascii(input)))).as("feed(%s)", input.strip()).isFalse();
    assertThat(reader.invalid()).as("invalid() after %s", input.strip()).isTrue();
  }

  @Test
  void refusesALineLongerThanTheLimit() {
    ResponseReader reader = new ResponseReader();
    String line = "HTTP/1.1 200 OK\r\nX: " + "a".repeat(ResponseReader.MAX_LINE_BYTES) + "\r\n";

    assertThat(reader.feed(ByteBuffer.wrap(ascii(line)))).isFalse();
    assertThat(reader.invalid())
        .as("invalid() after a header line of %d bytes", line.length())
        .isTrue();
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
