package dev.pollux.http.internal.codec;

import static dev.pollux.http.internal.codec.ParserDriver.bytes;
import static dev.pollux.http.internal.codec.ParserDriver.show;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pollux.http.internal.codec.ParserDriver.Outcome;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The parser's rules as a table of raw requests, each with the status it must get (0: accepted as
 * exactly one complete request), each fed whole, split at every offset and one byte at a time.
 */
class RequestParserTest {

  private static final ParserLimits SMALL = new ParserLimits(64, 128, 4, 16);

  @SuppressWarnings("StringConcatToTextBlock") // CRLFs read better as escapes
  static Stream<Arguments> cases() {
    return Stream.of(
        row("simple GET", 0, "GET / HTTP/1.1\r\nHost: a\r\n\r\n"),
        row("HTTP/1.0 without Host", 0, "GET /temp HTTP/1.0\r\n\r\n"),
        row("empty line before request line", 0, "\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n"),
        row("query string", 0, "GET /a?b=c%20d&e HTTP/1.1\r\nHost: a\r\n\r\n"),
        row("OPTIONS *", 0, "OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n"),
        row("absolute form", 0, "GET http://127.0.0.1:8080/temp HTTP/1.1\r\nHost: a\r\n\r\n"),
        row("absolute form, https in capitals", 0, "GET HTTPS://h/x?y HTTP/1.1\r\nHost: a\r\n\r\n"),
        row("absolute form without a path", 0, "GET http://h HTTP/1.1\r\nHost: h\r\n\r\n"),
        row("absolute form without Host", 0, "GET http://device.lan:8080/temp HTTP/1.1\r\n\r\n"),
        row("absolute form with a query only", 0, "GET http://h?q HTTP/1.1\r\nHost: h\r\n\r\n"),
        row("absolute form of another scheme", 400, "GET ftp://h/x HTTP/1.1\r\nHost: a\r\n\r\n"),
        row("absolute form, empty authority", 400, "GET http:///x HTTP/1.1\r\nHost: a\r\n\r\n"),
        row("absolute form with userinfo", 400, "GET http://u@h/x HTTP/1.1\r\nHost: a\r\n\r\n"),
        row("absolute form, one slash", 400, "GET http:/x HTTP/1.1\r\nHost: a\r\n\r\n"),
        row("not a request line", 400, "THIS IS NOT HTTP\r\n\r\n"),
        row("unknown method, bad target", 400, "BREW pot HTTP/1.1\r\nHost: a\r\n\r\n"),
        row("unknown method, no version", 400, "BREW /pot\r\nHost: a\r\n\r\n"),
        row("OPTIONS * of another method", 400, "GET * HTTP/1.1\r\nHost: a\r\n\r\n"),
        row("escapes of any case", 0, "GET /a%2Fb%c3%A9?q=%7e HTTP/1.1\r\nHost: a\r\n\r\n"),
        row("malformed escape", 400, "GET /te%zzmp HTTP/1.1\r\nHost: a\r\n\r\n"),
        row("escape cut short", 400, "GET /temp%4 HTTP/1.1\r\nHost: a\r\n\r\n"),
        row("lone percent in a query", 400, "GET /a?b=100% HTTP/1.1\r\nHost: a\r\n\r\n"),
        row(
            "Content-Length body",
            0,
            "POST /p HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello"),
        row(
            "repeated equal Content-Length",
            0,
            "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3, 3\r\nContent-Length: 3\r\n\r\nabc"),
        row(
            "chunked body",
            0,
            "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5\r\nhello\r\nA;ext=1\r\n0123456789\r\n0\r\nTrailer: x\r\n\r\n"),
        row(
            "chunked in any case",
            0,
            "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: ChUnKeD\r\n\r\n0\r\n\r\n"),
        row(
            "chunk size with BWS before extension",
            0,
            "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n1 ;a=b\r\nx\r\n0\r\n\r\n"),
        row("obs-text in a value", 0, "GET / HTTP/1.1\r\nHost: a\r\nX: caf\u00e9\r\n\r\n"),
        row("empty value", 0, "GET / HTTP/1.1\r\nHost: a\r\nX:\r\n\r\n"),
        row(
            "expect 100-continue",
            0,
            "PUT / HTTP/1.1\r\nHost: a\r\nExpect: 100-Continue\r\nContent-Length: 1\r\n\r\nx"),
        row("missing Host on 1.1", 400, "GET / HTTP/1.1\r\n\r\n"),
        row("two Host fields", 400, "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"),
        row(
            "Content-Length with Transfer-Encoding",
            400,
            "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "0\r\n\r\nGET /smuggled HTTP/1.1\r\nHost: a\r\n\r\n"),
        row(
            "differing Content-Length fields",
            400,
            "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!"),
        row(
            "differing Content-Length list",
            400,
            "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5, 6\r\n\r\nhello!"),
        row(
            "signed Content-Length",
            400,
            "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: +5\r\n\r\n"),
        row(
            "negative Content-Length",
            400,
            "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: -1\r\n\r\n"),
        row("hex Content-Length", 400, "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 0x5\r\n\r\n"),
        row("empty Content-Length", 400, "POST / HTTP/1.1\r\nHost: a\r\nContent-Length:\r\n\r\n"),
        row(
            "unknown transfer coding",
            501,
            "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip\r\n\r\n"),
        row(
            "unsupported coding before chunked",
            501,
            "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked\r\n\r\n"),
        row(
            "chunked not final",
            400,
            "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked, gzip\r\n\r\n"),
        row(
            "chunked twice",
            400,
            "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n"),
        row(
            "Transfer-Encoding on HTTP/1.0",
            400,
            "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"),
        row(
            "transfer coding with junk",
            400,
            "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: \"chunked\"\r\n\r\n"),
        row(
            "whitespace before colon",
            400,
            "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding : chunked\r\n\r\n"),
        row("obsolete line folding", 400, "GET / HTTP/1.1\r\nHost: a\r\nX: a\r\n b\r\n\r\n"),
        row("whitespace before the first field", 400, "GET / HTTP/1.1\r\n Host: a\r\n\r\n"),
        row("bare CR in a value", 400, "GET / HTTP/1.1\r\nHost: a\r\nX: a\rb\r\n\r\n"),
        row("bare CR in the request line", 400, "GET / HTTP/1.1\rHost: a\r\n\r\n"),
        row("bare LF ending a field", 400, "GET / HTTP/1.1\r\nHost: a\n\r\n"),
        row("bare LF ending the request line", 400, "GET / HTTP/1.1\nHost: a\r\n\r\n"),
        row("NUL in a value", 400, "GET / HTTP/1.1\r\nHost: a\r\nX: a\0b\r\n\r\n"),
        row("empty field name", 400, "GET / HTTP/1.1\r\nHost: a\r\n: b\r\n\r\n"),
        row("non-token in a field name", 400, "GET / HTTP/1.1\r\nHost: a\r\nX(y): b\r\n\r\n"),
        row("chunk size not hex", 400, chunked("zz\r\n")),
        row("negative chunk size", 400, chunked("-1\r\n")),
        row("empty chunk size", 400, chunked("\r\n")),
        row("chunk size with 0x", 400, chunked("0x5\r\nhello\r\n0\r\n\r\n")),
        row("chunk size too many digits", 400, chunked("0000000000000001\r\nx\r\n0\r\n\r\n")),
        row("whitespace after chunk size", 400, chunked("5 \r\nhello\r\n0\r\n\r\n")),
        row("chunk data longer than its size", 400, chunked("3\r\nhello\r\n0\r\n\r\n")),
        row("bare LF after chunk size", 400, chunked("5\nhello\r\n0\r\n\r\n")),
        row("bare CR in a trailer", 400, chunked("0\r\nT: a\rb\r\n\r\n")),
        row("unknown method", 501, "BREW /pot HTTP/1.1\r\nHost: a\r\n\r\n"),
        row("lower-case method", 501, "get / HTTP/1.1\r\nHost: a\r\n\r\n"),
        row("empty method", 400, " / HTTP/1.1\r\nHost: a\r\n\r\n"),
        row("HTTP/2.0", 505, "GET / HTTP/2.0\r\nHost: a\r\n\r\n"),
        row("HTTP/1.2", 505, "GET / HTTP/1.2\r\nHost: a\r\n\r\n"),
        row("lower-case version", 400, "GET / http/1.1\r\nHost: a\r\n\r\n"),
        row("version too long", 400, "GET / HTTP/1.10\r\nHost: a\r\n\r\n"),
        row("no version", 400, "GET /\r\nHost: a\r\n\r\n"),
        row("two spaces", 400, "GET  / HTTP/1.1\r\nHost: a\r\n\r\n"),
        row("absolute path required", 400, "GET index.html HTTP/1.1\r\nHost: a\r\n\r\n"),
        row("control byte in target", 400, "GET /a\tb HTTP/1.1\r\nHost: a\r\n\r\n"),
        row("non-ASCII target", 400, "GET /caf\u00e9 HTTP/1.1\r\nHost: a\r\n\r\n"),
        row("unsupported expectation", 417, "GET / HTTP/1.1\r\nHost: a\r\nExpect: tea\r\n\r\n"),
        row(
            "request line too long",
            414,
            "GET /" + "a".repeat(64) + " HTTP/1.1\r\nHost: a\r\n\r\n"),
        row(
            "header section too large",
            431,
            "GET / HTTP/1.1\r\nHost: a\r\nX: " + "b".repeat(128) + "\r\n\r\n"),
        row(
            "too many fields",
            431,
            "GET / HTTP/1.1\r\nHost: a\r\nA: 1\r\nB: 2\r\nC: 3\r\nD: 4\r\n\r\n"),
        row(
            "declared body too large",
            413,
            "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 17\r\n\r\n"),
        row(
            "huge Content-Length",
            413,
            "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 99999999999999999999999\r\n\r\n"),
        row(
            "chunked body too large",
            413,
            chunked("9\r\n123456789\r\n9\r\n123456789\r\n0\r\n\r\n")),
        row("trailer too large", 431, chunked("0\r\nT: " + "x".repeat(130) + "\r\n\r\n")));
  }

  private static String chunked(String body) {
    return "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n" + body;
  }

  private static Arguments row(String name, int status, String request) {
    return Arguments.of(name, status, request);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("cases")
  void givesTheSameStatusWholeSplitAndByteByByte(String name, int status, String request) {
    byte[] input = bytes(request);
    Outcome whole = ParserDriver.whole(input, SMALL);
    assertThat(whole.status()).as("status of %s for %s", name, show(input)).isEqualTo(status);
    if (status == 0) {
      assertThat(whole.requests()).as("requests from %s", show(input)).hasSize(1);
      assertThat(whole.needMore()).as("waiting for more after %s", show(input)).isFalse();
    } else {
      assertThat(whole.requests()).as("requests answered before the refusal").isEmpty();
    }
    for (int offset = 0; offset <= input.length; offset++) {
      assertThat(ParserDriver.splitAt(input, offset, SMALL))
          .as("%s split at %d", name, offset)
          .isEqualTo(whole);
    }
    assertThat(ParserDriver.oneByteAtATime(input, SMALL))
        .as("%s one byte at a time", name)
        .isEqualTo(whole);
  }
}
