package dev.pollux.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The routes of the dashboard: {@code GET /} with its Content-Security-Policy (whether or not the
 * dashboard's files are on the classpath yet), and the chart library from its WebJar, cached for
 * long and revalidated with its {@code ETag}.
 */
class DashboardRoutesIT {

  @RegisterExtension final ApiClient api = ApiClient.standard();

  private static final String UPLOT = "/assets/uplot/uPlot.iife.min.js";

  @Test
  void rootAnswersWithTheContentSecurityPolicy() {
    boolean dashboardBuilt =
        HttpApi.class.getClassLoader().getResource("dashboard/index.html") != null;

    HttpResponse<String> response = api.get("/");

    assertThat(response.statusCode())
        .as("GET /: status (dashboard/index.html on the classpath: %s)", dashboardBuilt)
        .isEqualTo(dashboardBuilt ? 200 : 404);
    assertThat(response.headers().firstValue("Content-Security-Policy"))
        .as("GET /: Content-Security-Policy")
        .hasValue(HttpApi.DASHBOARD_CSP);
    assertThat(response.headers().firstValue("X-Content-Type-Options"))
        .as("GET /: X-Content-Type-Options")
        .hasValue("nosniff");
    if (dashboardBuilt) {
      assertThat(response.headers().firstValue("Content-Type"))
          .as("GET /: Content-Type")
          .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
    }
  }

  @Test
  void chartLibraryIsCachedForLongAndRevalidatedByETag() {
    HttpResponse<String> response = api.get(UPLOT);

    assertThat(response.statusCode()).as("GET %s: status", UPLOT).isEqualTo(200);
    assertThat(response.body()).as("GET %s: body", UPLOT).contains("uPlot");
    assertThat(response.headers().firstValue("Content-Type"))
        .as("GET %s: Content-Type", UPLOT)
        .hasValueSatisfying(type -> assertThat(type).contains("javascript"));
    assertThat(response.headers().firstValue("Cache-Control"))
        .as("GET %s: Cache-Control", UPLOT)
        .hasValueSatisfying(cache -> assertThat(cache).contains("max-age=31536000"));
    String etag =
        response
            .headers()
            .firstValue("ETag")
            .orElseThrow(
                () -> new AssertionError("GET " + UPLOT + ": no ETag in " + response.headers()));

    HttpResponse<String> again = api.send(api.request(UPLOT).header("If-None-Match", etag).GET());

    assertThat(again.statusCode())
        .as("GET %s with If-None-Match: %s: status", UPLOT, etag)
        .isEqualTo(304);
    assertThat(again.body()).as("GET %s with If-None-Match: body", UPLOT).isEmpty();
    assertThat(again.headers().firstValue("ETag"))
        .as("GET %s with If-None-Match: ETag", UPLOT)
        .hasValue(etag);
  }

  @Test
  void unknownAssetIsNotFound() {
    ApiClient.assertProblem(api.get("/assets/uplot/nope.js"), 404);
    ApiClient.assertProblem(api.get("/assets/uplot/../../../etc/passwd"), 404);
  }
}
