package dev.pollux.server.api;

import static dev.pollux.server.api.ApiClient.DEADLINE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pollux.http.HttpServerOptions;
import dev.pollux.testing.net.RawClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server's HTTP options: {@code --access-log} turns the access log on; {@code nosniff} is on
 * every answer, also the parser's own {@code 400}.
 */
class HttpOptionsIT {

  @TempDir Path dir;

  /** Held strongly: java.util.logging keeps loggers weakly. */
  private final Logger access = Logger.getLogger(HttpServerOptions.ACCESS_LOGGER);

  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          lines.add(record.getMessage());
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  HttpOptionsIT() {
    access.addHandler(capture);
  }

  @AfterEach
  void removeCapture() {
    access.removeHandler(capture);
  }

  @Test
  void accessLogFlagLogsEachRequest() {
    try (ApiClient api = ApiClient.start(dir.resolve("tree"), "--access-log")) {
      assertThat(api.get("/healthz").statusCode()).isEqualTo(200);
      assertThat(api.get("/healthz").statusCode()).isEqualTo(200);
      await("two access log lines").atMost(DEADLINE).until(() -> lines.size() >= 2);
    }
    assertThat(lines)
        .as("access log lines with --access-log")
        .allSatisfy(line -> assertThat(line).startsWith("127.0.0.1 \"GET /healthz\" 200 3 "));
  }

  @Test
  void withoutTheFlagNothingIsLogged() {
    try (ApiClient api = ApiClient.start(dir.resolve("tree"))) {
      HttpResponse<String> response = api.get("/healthz");
      assertThat(response.statusCode()).isEqualTo(200);
    }
    assertThat(lines).as("access log lines without --access-log").isEmpty();
  }

  @Test
  void theParsersOwnAnswerCarriesNosniff() throws Exception {
    try (ApiClient api = ApiClient.start(dir.resolve("tree"));
        RawClient client = api.raw()) {
      client.write("GET /healthz HTTP/1.1\r\nHost : x\r\n\r\n");
      assertThat(client.readLine()).as("status line of a malformed request").contains(" 400 ");
      StringBuilder head = new StringBuilder();
      for (String line = client.readLine(); !line.isEmpty(); line = client.readLine()) {
        head.append(line.toLowerCase(Locale.ROOT)).append('\n');
      }
      assertThat(head.toString())
          .as("head of the parser's 400")
          .contains("x-content-type-options: nosniff\n");
    }
  }
}
