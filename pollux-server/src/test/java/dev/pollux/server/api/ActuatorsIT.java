package dev.pollux.server.api;

import static dev.pollux.server.api.ApiClient.LED;
import static dev.pollux.server.api.ApiClient.LED_MAX;
import static dev.pollux.server.api.ApiClient.TOKEN;
import static dev.pollux.server.api.ApiClient.assertProblem;
import static dev.pollux.server.api.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/v1/actuators} and {@code PUT /api/v1/actuators/{id}} on a fake LED: every status
 * of design.md's row (200, 401, 403, 400, 404, 422), and that only the 200 touches the file.
 */
class ActuatorsIT {

  @RegisterExtension final ApiClient api = ApiClient.standard();

  @TempDir Path dir;

  @Test
  void listsTheLedWithItsValueAndRange() {
    HttpResponse<String> response = api.get("/api/v1/actuators");

    assertThat(response.statusCode()).as("GET /api/v1/actuators: status").isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .as("GET /api/v1/actuators: Content-Type")
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    assertThat(actuators(response))
        .as("GET /api/v1/actuators: %s", response.body())
        .containsExactly(led(0));
  }

  @Test
  void aWriteWithTheTokenSetsTheLed() throws IOException {
    HttpResponse<String> response = put(LED, "{\"value\": 128}", "Bearer " + TOKEN);

    assertThat(response.statusCode())
        .as("PUT %s {\"value\": 128}: status; body %s", LED, response.body())
        .isEqualTo(200);
    assertThat(json(response)).as("PUT %s: the new state", LED).isEqualTo(led(128));
    assertThat(Files.readString(api.ledBrightness()).strip())
        .as("the brightness file after the write")
        .isEqualTo("128");
    assertThat(actuators(api.get("/api/v1/actuators")))
        .as("GET /api/v1/actuators after the write")
        .containsExactly(led(128));

    assertThat(put(LED, "{\"value\": " + LED_MAX + "}", "bearer " + TOKEN).statusCode())
        .as("PUT %s at the maximum, scheme in lower case: status", LED)
        .isEqualTo(200);
    assertThat(Files.readString(api.ledBrightness()).strip())
        .as("the brightness file after writing the maximum")
        .isEqualTo(Integer.toString(LED_MAX));
  }

  @Test
  void withoutCredentialsIsUnauthorized() throws IOException {
    HttpResponse<String> response = put(LED, "{\"value\": 1}", null);

    assertProblem(response, 401);
    assertThat(response.headers().firstValue("WWW-Authenticate"))
        .as("PUT without Authorization: WWW-Authenticate")
        .hasValueSatisfying(challenge -> assertThat(challenge).startsWith("Bearer"));
    assertLedUntouched();
  }

  @Test
  void aWrongTokenIsForbidden() throws IOException {
    assertProblem(put(LED, "{\"value\": 1}", "Bearer wrong"), 403);
    assertProblem(put(LED, "{\"value\": 1}", "Bearer " + TOKEN + "x"), 403);
    assertProblem(put(LED, "{\"value\": 1}", "Basic dDBrZW46"), 403);
    assertProblem(put(LED, "{\"value\": 1}", TOKEN), 403);
    assertLedUntouched();
  }

  @Test
  void aServerWithoutATokenRefusesEveryWrite() throws IOException {
    try (ApiClient noToken =
        ApiClient.start(
            ApiClient.server(ApiClient.standardTree(dir.resolve("no-token"))).noToken())) {
      HttpResponse<String> response =
          noToken.send(
              noToken
                  .request("/api/v1/actuators/" + LED)
                  .header("Authorization", "Bearer " + TOKEN)
                  .PUT(ApiClient.bodyOf("{\"value\": 1}")));

      assertProblem(response, 403);
      assertThat(Files.readString(noToken.ledBrightness()).strip())
          .as("the brightness file of the server without a token")
          .isEqualTo("0");
    }
  }

  @Test
  void aBadBodyIsABadRequest() throws IOException {
    for (String body :
        List.of(
            "",
            "not json",
            "{}",
            "[128]",
            "{\"value\": \"128\"}",
            "{\"value\": null}",
            "{\"value\": 1.5}",
            "{\"value\": 1, \"other\": 2}",
            "{\"value\": 99999999999}")) {
      assertProblem(put(LED, body, "Bearer " + TOKEN), 400);
    }
    assertLedUntouched();
  }

  @Test
  void anUnknownActuatorIsNotFound() throws IOException {
    assertProblem(put("led_nope", "{\"value\": 1}", "Bearer " + TOKEN), 404);
    assertLedUntouched();
  }

  @Test
  void aValueOutOfRangeIsUnprocessable() throws IOException {
    assertProblem(put(LED, "{\"value\": " + (LED_MAX + 1) + "}", "Bearer " + TOKEN), 422);
    assertProblem(put(LED, "{\"value\": -1}", "Bearer " + TOKEN), 422);
    assertLedUntouched();
  }

  private HttpResponse<String> put(String id, String body, String authorization) {
    HttpRequest.Builder request =
        api.request("/api/v1/actuators/" + id)
            .header("Content-Type", "application/json")
            .PUT(ApiClient.bodyOf(body));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return api.send(request);
  }

  private void assertLedUntouched() throws IOException {
    assertThat(Files.readString(api.ledBrightness()).strip())
        .as("the brightness file after refused writes")
        .isEqualTo("0");
  }

  private static Map<String, Object> led(int value) {
    return Map.of(
        "id", LED, "kind", "led", "min", 0, "max", LED_MAX, "value", value, "status", "ok");
  }

  /** The body as the contract's JSON list of actuators (a bare array). */
  @SuppressWarnings("unchecked") // the JSON shape is what is under test; a wrong one fails the cast
  private static List<Map<String, Object>> actuators(HttpResponse<String> response) {
    Object document = ApiClient.jsonValue(response);
    assertThat(document).as("the actuators document: %s", response.body()).isInstanceOf(List.class);
    return (List<Map<String, Object>>) document;
  }
}
