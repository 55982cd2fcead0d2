package dev.pollux.http.internal.codec;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/** Random valid pipelined request streams for the property and fuzz tests. */
final class RequestStreams {

  private static final String[] METHODS = {"GET", "POST", "PUT", "DELETE", "HEAD", "PATCH"};

  private RequestStreams() {}

  /** One to eight valid requests back to back, with Content-Length, chunked and no bodies. */
  static byte[] pipelined(Random random) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int count = 1 + random.nextInt(8);
    for (int i = 0; i < count; i++) {
      out.writeBytes(request(random));
    }
    return out.toByteArray();
  }

  static byte[] request(Random random) {
    StringBuilder s = new StringBuilder();
    s.append(METHODS[random.nextInt(METHODS.length)]).append(" /").append(word(random));
    if (random.nextBoolean()) {
      s.append("?q=").append(word(random)).append("%20&x");
    }
    boolean http10 = random.nextInt(5) == 0;
    s.append(http10 ? " HTTP/1.0\r\n" : " HTTP/1.1\r\n");
    if (!http10 || random.nextBoolean()) {
      s.append(random.nextBoolean() ? "Host" : "host").append(": example.com\r\n");
    }
    int fields = random.nextInt(5);
    for (int i = 0; i < fields; i++) {
      s.append("X-").append(word(random)).append(':');
      s.append(random.nextBoolean() ? " " : "\t").append(word(random)).append(" \r\n");
    }
    if (random.nextInt(4) == 0) {
      s.append("Connection: ").append(random.nextBoolean() ? "close" : "keep-alive").append("\r\n");
    }
    String body = word(random).repeat(random.nextInt(4));
    int framing = http10 ? random.nextInt(2) : random.nextInt(3);
    if (framing == 1) {
      s.append("Content-Length: ").append(body.length()).append("\r\n\r\n").append(body);
    } else if (framing == 2) {
      s.append("Transfer-Encoding: chunked\r\n\r\n");
      int at = 0;
      while (at < body.length()) {
        int n = 1 + random.nextInt(body.length() - at);
        s.append(Integer.toHexString(n)).append(random.nextBoolean() ? ";e=v" : "").append("\r\n");
        s.append(body, at, at + n).append("\r\n");
        at += n;
      }
      s.append("0\r\n").append(random.nextBoolean() ? "T: t\r\n" : "").append("\r\n");
    } else {
      s.append("\r\n");
    }
    return s.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  private static String word(Random random) {
    int length = 1 + random.nextInt(8);
    StringBuilder s = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      s.append((char) ('a' + random.nextInt(26)));
    }
    return s.toString();
  }
}
