package dev.pollux.server.api;

import static dev.pollux.server.TestServer.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pollux.server.TestServer;
import dev.pollux.testing.net.LeakCheck;
import dev.pollux.testing.net.RawClient;
import dev.pollux.testing.net.RawResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The token never leaves the server: whichever way it is configured (flag, {@code POLLUX_TOKEN},
 * the config file, {@code --token-file}), it is in no answer of any endpoint or protocol and in no
 * log record down to TRACE (with the access log on) — also while clients send the right token, a
 * wrong one, and token-shaped guesses (one character short, one changed, another case), none of
 * which is echoed either.
 */
class TokenSecrecyIT {

  @RegisterExtension
  final LeakCheck leaks = LeakCheck.threadsNamed("pollux-").afterWarmUp(ApiClient::warmUpOnce);

  /** Wrong tokens that look like the real one. */
  private static final List<String> GUESSES =
      List.of(
          TOKEN.substring(0, TOKEN.length() - 1),
          TOKEN.substring(0, TOKEN.length() - 1) + "y",
          TOKEN.toLowerCase(Locale.ROOT),
          "Wr0ng-guess-4417-abc");

  @TempDir Path dir;

  @ParameterizedTest(name = "token from {0}")
  @ValueSource(strings = {"flag", "environment", "config file", "token file"})
  void theTokenAppearsInNoAnswerAndNoLogLine(String source) throws Exception {
    List<String> answers = new ArrayList<>();
    try (LogCapture logs = LogCapture.install()) {
      try (TestServer server = startWithTokenFrom(source)) {
        // In this order: the guesses add up per address, and HTTP's last ones are throttled.
        answers.addAll(webSocketAnswers(server));
        answers.addAll(tcpAnswers(server));
        answers.addAll(httpAnswers(server));
        assertThat(server.ledBrightness("act"))
            .as("the LED after the one write with the right token")
            .isEqualTo("7");
      }
      assertThat(logs.lines())
          .as("log records at every level while the token was used (access log on)")
          .isNotEmpty()
          .anySatisfy(line -> assertThat(line).contains("dev.pollux.http.access"));
      for (String secret : secretsAndGuesses()) {
        assertThat(logs.text())
            .as("every log record (token from %s)", source)
            .doesNotContain(secret);
      }
    }
    assertThat(answers).as("answers collected").hasSizeGreaterThan(20);
    for (String answer : answers) {
      for (String secret : secretsAndGuesses()) {
        assertThat(answer).as("an answer (token from %s)", source).doesNotContain(secret);
      }
    }
  }

  private TestServer startWithTokenFrom(String source) throws IOException {
    List<String> args = new ArrayList<>(List.of("--access-log"));
    Map<String, String> env = Map.of();
    switch (source) {
      case "flag" -> args.addAll(List.of("--token", TOKEN));
      case "environment" -> env = Map.of("POLLUX_TOKEN", TOKEN);
      case "config file" -> {
        Path config = Files.writeString(dir.resolve("pollux.conf"), "token = " + TOKEN + "\n");
        args.addAll(List.of("--config", config.toString()));
      }
      case "token file" -> {
        Path file = Files.writeString(dir.resolve("token"), TOKEN + "\n");
        args.addAll(List.of("--token-file", file.toString()));
      }
      default -> throw new IllegalArgumentException(source);
    }
    return ApiClient.fullServer(dir)
        .noToken()
        .args(args)
        .env(env)
        .start()
        .awaitGoodSample(ApiClient.PRIMARY);
  }

  private static List<String> secretsAndGuesses() {
    List<String> all = new ArrayList<>(GUESSES);
    all.add(TOKEN);
    return all;
  }

  /** Every route, the refused and the accepted write, as whole responses (head and body). */
  private static List<String> httpAnswers(TestServer server) throws IOException {
    List<String> answers = new ArrayList<>();
    for (String target :
        List.of(
            "/",
            "/assets/app.js",
            "/temp",
            "/healthz",
            "/metrics",
            "/api/v1/device",
            "/api/v1/sensors",
            "/api/v1/sensors/" + ApiClient.PRIMARY,
            "/api/v1/sensors/" + ApiClient.PRIMARY + "/history?since=1m",
            "/api/v1/sensors/nope",
            "/api/v1/actuators",
            "/nope")) {
      answers.add(text(server.get(target)));
      answers.add(text(server.exchange("HEAD", target, null)));
    }
    String led = "/api/v1/actuators/" + ApiClient.LED;
    answers.add(text(server.exchange("PUT", led, "{\"value\": 3}")));
    RawResponse written =
        server.exchange("PUT", led, "{\"value\": 7}", "Authorization: Bearer " + TOKEN);
    assertThat(written.status()).as("%s", written).isEqualTo(200);
    answers.add(text(written));
    for (String guess : GUESSES) {
      answers.add(text(server.exchange("PUT", led, "{\"value\": 3}", "Authorization: " + guess)));
      RawResponse refused =
          server.exchange("PUT", led, "{\"value\": 3}", "Authorization: Bearer " + guess);
      assertThat(refused.status())
          .as("%s (429 once the address is throttled)", refused)
          .isIn(403, 429);
      answers.add(text(refused));
    }
    RawResponse throttled =
        server.exchange("PUT", led, "{\"value\": 3}", "Authorization: Bearer " + TOKEN);
    assertThat(throttled.status()).as("%s from a throttled address", throttled).isEqualTo(429);
    answers.add(text(throttled));
    answers.add(text(server.exchange("PUT", led, "{\"value\": " + TOKEN + "}")));
    answers.add(text(server.exchange("GET", "/api/v1/nope", "{\"token\": \"" + TOKEN + "\"}")));
    answers.add(text(server.get("/metrics")));
    return answers;
  }

  /** Banner, every informational command, refused and accepted {@code auth}. */
  private static List<String> tcpAnswers(TestServer server) throws IOException {
    List<String> answers = new ArrayList<>();
    try (RawClient client = server.connectTcp()) {
      for (String line : List.of("help", "info", "list", "temp", "get thermal_zone0")) {
        client.write(line + "\n");
        answers.add(client.readLine());
        if (line.equals("help") || line.equals("list")) {
          for (String next = client.readLine(); !next.equals("."); next = client.readLine()) {
            answers.add(next);
          }
        }
      }
      for (String guess : GUESSES.subList(0, 2)) {
        answers.add(client.write("auth " + guess + "\n").readLine());
      }
      answers.add(client.write("set led_act 9\n").readLine());
      answers.add(client.write("auth " + TOKEN + "\n").readLine());
      assertThat(answers.getLast()).as("auth with the token").isEqualTo("OK");
      answers.add(client.write("info\n").readLine());
      answers.add(client.write("quit\n").readToEndAsString());
    }
    return answers;
  }

  private static List<String> webSocketAnswers(TestServer server) throws Exception {
    try (WsSession ws = WsSession.open(server.httpPort())) {
      ws.ask("stop");
      ws.ask("auth " + GUESSES.getFirst());
      ws.ask(TOKEN);
      assertThat(ws.ask("auth " + TOKEN)).as("WebSocket auth with the token").containsKey("ok");
      ws.ask("get " + ApiClient.PRIMARY);
      return ws.received();
    }
  }

  private static String text(RawResponse response) {
    return response + " " + new String(response.body(), StandardCharsets.UTF_8);
  }
}
