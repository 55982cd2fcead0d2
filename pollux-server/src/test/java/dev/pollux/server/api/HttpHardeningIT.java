package dev.pollux.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pollux.server.TestServer;
import dev.pollux.testing.net.LeakCheck;
import dev.pollux.testing.net.RawClient;
import dev.pollux.testing.net.RawResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The real server's routes under attack over a raw socket (the JDK's client would normalise the
 * paths): no path under {@code /}, {@code /assets/} or {@code /assets/uplot/} reaches a resource
 * outside the dashboard's root, {@code nosniff} is on every kind of answer, the dashboard carries
 * its Content-Security-Policy, and no error reflects markup or control characters.
 *
 * <p>The dashboard is served from the classpath only ({@code dashboard/} in the jar, the chart
 * library from its WebJar): the server has no option for a static directory on disk, so there is no
 * symbolic link a user could place inside its root; symlink escapes of {@code
 * StaticFiles.directory} are pollux-http's own tests. Each escape below aims at {@code
 * pollux-version.properties}, which sits on the same classpath one level above {@code dashboard/},
 * so a broken check would serve it here.
 */
class HttpHardeningIT {

  @RegisterExtension
  static final LeakCheck LEAKS =
      LeakCheck.threadsNamed("pollux-").afterWarmUp(ApiClient::warmUpOnce).aroundAll();

  /** A resource outside the dashboard's root that an escape would reach. */
  private static final String OUTSIDE = "pollux-version.properties";

  @TempDir static Path dir;
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = ApiClient.fullServer(dir).start().awaitGoodSample(ApiClient.PRIMARY);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void theTargetsOfTheEscapesExistAndTheDashboardIsServed() throws IOException {
    assertThat(HttpApi.class.getClassLoader().getResource(OUTSIDE))
        .as("%s on the classpath, beside dashboard/", OUTSIDE)
        .isNotNull();
    for (String target : List.of("/", "/assets/app.js", "/assets/uplot/uPlot.iife.min.js")) {
      assertThat(server.get(target).status()).as("GET %s", target).isEqualTo(200);
    }
  }

  @ParameterizedTest(name = "GET {0}")
  @ValueSource(
      strings = {
        "/assets/../" + OUTSIDE,
        "/assets/%2e%2e/" + OUTSIDE,
        "/assets/%2E%2E/" + OUTSIDE,
        "/assets/.%2e/" + OUTSIDE,
        "/assets/..%2f" + OUTSIDE,
        "/assets/..%2F" + OUTSIDE,
        "/assets/%252e%252e/" + OUTSIDE,
        "/assets/%252e%252e%252f" + OUTSIDE,
        "/assets/..%252f" + OUTSIDE,
        "/assets/..\\" + OUTSIDE,
        "/assets/..%5c" + OUTSIDE,
        "/assets/..%5C" + OUTSIDE,
        "/assets/%5c..%5c" + OUTSIDE,
        "/assets/%c0%ae%c0%ae/" + OUTSIDE,
        "/assets//" + OUTSIDE,
        "/assets/%2f" + OUTSIDE,
        "/assets//etc/passwd",
        "/assets/%2fetc%2fpasswd",
        "/assets/file:/etc/passwd",
        "/assets/app.js%00.html",
        "/assets/app.js%00",
        "/assets/uplot/../../../../../../" + OUTSIDE,
        "/assets/uplot/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/" + OUTSIDE,
        "/assets/uplot/..%2f..%2f..%2f..%2f..%2f..%2f" + OUTSIDE,
        "/assets/uplot/..%5c..%5c..%5c..%5c..%5c..%5c" + OUTSIDE,
        "/assets/uplot/%252e%252e/%252e%252e/%252e%252e/%252e%252e/%252e%252e/%252e%252e/"
            + OUTSIDE,
        "/assets/uplot/../../../../../../../../../../etc/passwd",
        "/../" + OUTSIDE,
        "/%2e%2e/" + OUTSIDE,
        "/%2e%2e%2f" + OUTSIDE,
        "/..%5c" + OUTSIDE,
        "/" + OUTSIDE,
        "/assets/" + OUTSIDE,
        "/dashboard/index.html",
        "/assets/../dashboard/index.html",
        "/assets/../dev/pollux/server/Auth.class",
        "/assets/%2e%2e/dev/pollux/server/Auth.class",
        "http://127.0.0.1/assets/%2e%2e/" + OUTSIDE,
        "/assets/./../" + OUTSIDE
      })
  void noPathEscapesTheDashboardsRoot(String target) throws IOException {
    for (String method : List.of("GET", "HEAD")) {
      RawResponse response = server.exchange(method, target, null);
      String body = new String(response.body(), StandardCharsets.ISO_8859_1);

      assertThat(response.status()).as("%s: status", response).isIn(400, 404);
      assertThat(body)
          .as("%s: body", response)
          .doesNotContain("version=")
          .doesNotContain("root:")
          .doesNotContain("\u00ca\u00fe\u00ba\u00be");
      assertThat(response.header("X-Content-Type-Options"))
          .as("%s: X-Content-Type-Options", response)
          .isEqualTo("nosniff");
    }
  }

  @Test
  void aNulByteInTheRequestLineIsABadRequest() throws IOException {
    RawResponse response = server.exchange("GET", "/assets/app.js\0.html", null);

    assertThat(response.status()).as("%s", response).isEqualTo(400);
    assertThat(response.header("X-Content-Type-Options")).as("%s", response).isEqualTo("nosniff");
  }

  @Test
  void everyKindOfAnswerSaysNosniff() throws IOException {
    RawResponse asset = server.get("/assets/uplot/uPlot.iife.min.js");
    List<RawResponse> answers =
        List.of(
            server.get("/temp"),
            server.get("/healthz"),
            server.get("/metrics"),
            server.get("/api/v1/device"),
            server.get("/api/v1/sensors"),
            server.get("/api/v1/actuators"),
            server.get("/"),
            server.get("/assets/app.js"),
            asset,
            server.exchange(
                "GET",
                "/assets/uplot/uPlot.iife.min.js",
                null,
                "If-None-Match: " + asset.header("ETag")),
            server.exchange("HEAD", "/api/v1/sensors", null),
            server.get("/nope"),
            server.get("/assets/nope.js"),
            server.get("/api/v1/sensors/nope"),
            server.get("/api/v1/sensors/thermal_zone0/history?since=forever"),
            server.exchange("POST", "/temp", "{}"),
            server.exchange("PUT", "/api/v1/actuators/" + ApiClient.LED, "{\"value\": 1}"),
            server.exchange(
                "PUT",
                "/api/v1/actuators/" + ApiClient.LED,
                "{\"value\": 1}",
                "Authorization: Bearer x"),
            server.exchange("BREW", "/temp", null),
            server.exchange("GET", "/temp", null, "Bad Header: x"),
            server.get("/" + "a".repeat(9000)));
    assertThat(answers)
        .extracting(r -> r.status())
        .as("the statuses of the answers")
        .contains(200, 304, 400, 401, 403, 404, 405, 414, 501);
    for (RawResponse response : answers) {
      assertThat(response.header("X-Content-Type-Options"))
          .as("%s: X-Content-Type-Options", response)
          .isEqualTo("nosniff");
    }
    try (RawClient events = server.rawHttp()) {
      events.write("GET /api/v1/events HTTP/1.1\r\nHost: x\r\n\r\n");
      RawResponse head = RawResponse.readHead(events, "GET /api/v1/events");
      assertThat(head.status()).as("the status of GET /api/v1/events").isEqualTo(200);
      assertThat(head.header("X-Content-Type-Options"))
          .as("%s: X-Content-Type-Options", head)
          .isEqualTo("nosniff");
    }
  }

  @Test
  void anActuatorWriteDeclaringALargeBodyIs413BeforeTheBodyIsSent() throws IOException {
    try (RawClient client = server.rawHttp()) {
      client.write(
          "PUT /api/v1/actuators/fan HTTP/1.1\r\nHost: x\r\nContent-Length: "
              + (HttpApi.MAX_ACTUATOR_BODY_BYTES + 1)
              + "\r\n\r\n"); // and not a byte of the body
      assertThat(client.readLine()).as("the status line").startsWith("HTTP/1.1 413 ");
      assertThat(client.readToEndAsString())
          .as("the rest of the answer, until the server closes")
          .contains("Connection: close")
          .endsWith("\"detail\":\"body too large\"}");
    }
  }

  @Test
  void theDashboardCarriesARestrictiveContentSecurityPolicy() throws IOException {
    for (String target : List.of("/", "/assets/app.js", "/assets/app.css")) {
      RawResponse response = server.get(target);
      String csp = response.header("Content-Security-Policy");

      assertThat(response.status()).as("%s", response).isEqualTo(200);
      assertThat(csp)
          .as("%s: Content-Security-Policy", response)
          .isEqualTo(HttpApi.DASHBOARD_CSP)
          .startsWith("default-src 'self';")
          .contains("script-src 'self';")
          .doesNotContain("unsafe-inline")
          .doesNotContain("unsafe-eval")
          .doesNotContain("*")
          .contains("frame-ancestors 'none'");
    }
    String html = new String(server.get("/").body(), StandardCharsets.UTF_8);
    assertThat(html)
        .as("the dashboard's HTML: every script is a file of its own origin, none inline")
        .doesNotContainPattern("<script(?![^>]*\\bsrc=\"assets/)")
        .doesNotContainPattern("\\son[a-z]+=");
  }

  @ParameterizedTest(name = "GET {0}")
  @ValueSource(
      strings = {
        "/<script>alert(1)</script>",
        "/%3Cscript%3Ealert(1)%3C/script%3E",
        "/api/v1/sensors/%3Cscript%3Ealert(1)%3C%2Fscript%3E",
        "/api/v1/sensors/thermal_zone0/history?since=%3Cscript%3E",
        "/api/v1/events?sensor=%3Cscript%3E",
        "/assets/%3Cscript%3E.js",
        "/x%1b%5b31mred%0d%0aSet-Cookie:%20a=b",
        "/x\u001b[31mred"
      })
  void errorsReflectNoMarkupAndNoControlCharacters(String target) throws IOException {
    RawResponse response = server.get(target);
    String body = new String(response.body(), StandardCharsets.UTF_8);

    assertThat(response.status()).as("%s: status", response).isIn(400, 404);
    assertThat(body)
        .as("%s: body", response)
        .doesNotContainIgnoringCase("<script")
        .doesNotContainIgnoringCase("%3Cscript")
        .doesNotContain("alert(1)")
        .doesNotContain("\u001b")
        .doesNotContain("[31m")
        .doesNotContain("Set-Cookie");
    assertThat(response.header("Set-Cookie")).as("%s: Set-Cookie", response).isNull();
  }

  /**
   * The TCP protocol echoes an unknown word (design.md: {@code ERR unknown command '<word>'}) as
   * plain text: control characters come back as {@code ?}, the word is cut at 32 characters, and
   * the reply stays one line; markup is plain text there and comes back as sent.
   */
  @Test
  void tcpEchoesAnUnknownWordAsOneShortPrintableLine() throws IOException {
    try (RawClient client = server.connectTcp()) {
      assertThat(client.write("\u001b[31mred\u009b2J\n").readLine())
          .isEqualTo("ERR unknown command '?[31mred?2J'");
      assertThat(client.write("<script>alert(1)</script>\n").readLine())
          .isEqualTo("ERR unknown command '<script>alert(1)</script>'");
      assertThat(client.write("<script>" + "x".repeat(100) + "\n").readLine())
          .isEqualTo("ERR unknown command '<script>" + "x".repeat(24) + "...'");
      assertThat(client.write("a'b\u202e\u0000c\n").readLine())
          .isEqualTo("ERR unknown command 'a?b??c'");
      assertThat(client.write("temp\n").readLine())
          .as("the next line's answer")
          .isEqualTo("48.312");
    }
  }
}
