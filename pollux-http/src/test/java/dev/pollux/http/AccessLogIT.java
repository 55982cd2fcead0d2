package dev.pollux.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pollux.http.internal.codec.Problem;
import dev.pollux.loop.NioTransport;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link HttpServerOptions#accessLog()}: one INFO line per completed response, when on. */
@SuppressWarnings("StringConcatToTextBlock") // CRLFs read better as escapes
class AccessLogIT {

  /** Held strongly: java.util.logging keeps loggers weakly. */
  private final Logger jul = Logger.getLogger(HttpServerOptions.ACCESS_LOGGER);

  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          if (record.getLevel().equals(Level.INFO)) {
            lines.add(record.getMessage());
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  private final Router router =
      Router.create()
          .get("/ok", (q, r) -> r.send("hello"))
          .get(
              "/stream",
              (q, r) -> {
                try (ResponseStream s = r.stream()) {
                  s.write("abc");
                  s.write("de");
                }
              });

  AccessLogIT() {
    jul.addHandler(capture);
  }

  @AfterEach
  void removeHandler() {
    jul.removeHandler(capture);
  }

  @Test
  void logsOneLinePerResponseWhenOn() throws Exception {
    try (TestServer server =
        new TestServer(
            NioTransport.standard(), router, HttpServerOptions.builder().accessLog(true).build())) {
      try (RawHttpClient client = server.client()) {
        client.send(
            "GET /ok?x=1 HTTP/1.1\r\nHost: a\r\n\r\n"
                + "HEAD /ok HTTP/1.1\r\nHost: a\r\n\r\n"
                + "GET /stream HTTP/1.1\r\nHost: a\r\n\r\n"
                + "GET /nope HTTP/1.1\r\nHost: a\r\n\r\n");
        client.read();
        client.read(true);
        client.read();
        client.read();
        client.send("GET /ok HTTP/1.1\r\nHost : a\r\n\r\n").read();
      }
      await().atMost(Duration.ofSeconds(20)).until(() -> lines.size() >= 5);
    }
    assertThat(lines)
        .as("access log lines, without their durations")
        .extracting(line -> line.substring(0, line.lastIndexOf(' ')))
        .containsExactly(
            "127.0.0.1 \"GET /ok?x=1\" 200 5",
            "127.0.0.1 \"HEAD /ok\" 200 0",
            "127.0.0.1 \"GET /stream\" 200 5",
            "127.0.0.1 \"GET /nope\" 404 " + problemBytes(404, "no resource at this path"),
            "127.0.0.1 \"GET /ok\" 400 " + problemBytes(400, "whitespace before colon"));
    assertThat(lines)
        .allSatisfy(line -> assertThat(line.substring(line.lastIndexOf(' ') + 1)).isNotBlank());
  }

  @Test
  void logsNothingWhenOff() throws Exception {
    try (TestServer server = new TestServer(NioTransport.standard(), router)) {
      try (RawHttpClient client = server.client()) {
        assertThat(client.send("GET /ok HTTP/1.1\r\nHost: a\r\n\r\n").read().bodyText())
            .isEqualTo("hello");
      }
    }
    assertThat(lines).as("access log lines with the log off").isEmpty();
  }

  private static int problemBytes(int status, String detail) {
    return Problem.json(status, detail).length;
  }
}
