package dev.pollux.http.internal.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pollux.http.Method;
import dev.pollux.http.internal.codec.RequestHead;
import dev.pollux.http.internal.codec.TestHeads;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The access log's line: fields, the cut target, escapes. */
class AccessLogTest {

  private static final InetSocketAddress REMOTE =
      new InetSocketAddress(InetAddress.getLoopbackAddress(), 51234);

  private static RequestHead head(Method method, String requestLinePrefix, String target) {
    return TestHeads.of(method, requestLinePrefix, target);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "/api/v1/sensors?x=1|127.0.0.1 \"GET /api/v1/sensors?x=1\" 200 512 3",
        "/a\"b|127.0.0.1 \"GET /a\\x22b\" 200 512 3",
        "/a\\b|127.0.0.1 \"GET /a\\x5cb\" 200 512 3",
        "/\u0001\u007f\u00e9|127.0.0.1 \"GET /\\x01\\x7f\\xe9\" 200 512 3",
      })
  void formatsTheLine(String target, String expected) {
    assertThat(AccessLog.line(REMOTE, head(Method.GET, "GET ", target), 200, 512, 3))
        .as("line for target %s", target)
        .isEqualTo(expected);
  }

  @ParameterizedTest(name = "target of {0} characters")
  @CsvSource({"199, false", "200, false", "201, true", "8000, true"})
  void cutsTheTargetAt200Characters(int length, boolean cut) {
    String target = "/" + "a".repeat(length - 1);
    String line = AccessLog.line(REMOTE, head(Method.GET, "GET ", target), 404, 0, 0);
    String expected =
        "127.0.0.1 \"GET " + target.substring(0, Math.min(200, length)) + (cut ? "..." : "") + "\"";
    assertThat(line).as("line for a target of %d characters", length).startsWith(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"no method and no target, -, -"})
  void showsADashForWhatWasNotParsed(String what, String method, String target) {
    RequestHead head = TestHeads.empty();
    assertThat(AccessLog.line(REMOTE, head, 400, 90, 1))
        .as("line for a request with %s", what)
        .isEqualTo("127.0.0.1 \"" + method + " " + target + "\" 400 90 1");
  }
}
