package dev.pollux.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pollux.http.internal.connection.TestRequests;
import org.junit.jupiter.api.Test;

class RouterTest {

  private final Router router =
      Router.create()
          .get("/temp", (q, r) -> r.send("temp"))
          .put("/temp", (q, r) -> r.send("put temp"))
          .get("/api/v1/sensors/{id}", (q, r) -> r.send("sensor " + q.pathParam("id")))
          .get(
              "/api/v1/sensors/{id}/history",
              (q, r) -> r.send("history " + q.pathParam("id") + " since " + q.query("since")))
          .mount("/static", (q, r) -> r.send("static " + q.pathParam("*")))
          .mount("/static/deep", (q, r) -> r.send("deep " + q.pathParam("*")));

  private RecordingResponse call(String method, String target) throws Exception {
    RecordingResponse response = new RecordingResponse();
    router.handle(
        TestRequests.of(method + " " + target + " HTTP/1.1\r\nHost: a\r\n\r\n"), response);
    return response;
  }

  @Test
  void answersTheBodyLimitOfTheRouteARequestSelects() {
    Router limited =
        Router.create()
            .put("/api/v1/actuators/{id}", 512, (q, r) -> r.send("set"))
            .post("/upload", (q, r) -> r.send("up"))
            .put("/exact", 64, (q, r) -> r.send("exact"));
    assertThat(limited.maxBodyBytes(request("PUT", "/api/v1/actuators/fan"))).isEqualTo(512);
    assertThat(limited.maxBodyBytes(request("PUT", "/exact"))).isEqualTo(64);
    assertThat(limited.maxBodyBytes(request("POST", "/upload")))
        .as("a route without a declared limit")
        .isEqualTo(Long.MAX_VALUE);
    assertThat(limited.maxBodyBytes(request("POST", "/exact")))
        .as("no route for the method: the server's limit")
        .isEqualTo(Long.MAX_VALUE);
  }

  private static Request request(String method, String target) {
    return TestRequests.of(method + " " + target + " HTTP/1.1\r\nHost: a\r\n\r\n");
  }

  @Test
  void routesPathsWithEncodedUnreservedCharactersAsTheirCharacters() throws Exception {
    assertThat(call("GET", "/%74emp").body).isEqualTo("temp");
    assertThat(call("GET", "/api/v1/%73ensors/%41%2d%7E").body).isEqualTo("sensor A-~");
    assertThat(call("GET", "/api/v1/sensors%2Fx").status).as("%2F stays encoded").isEqualTo(404);
    assertThat(call("GET", "/api/v1/sensors/a%2Fb").body).isEqualTo("sensor a/b");
  }

  @Test
  void routesExactPathsByMethod() throws Exception {
    assertThat(call("GET", "/temp").body).isEqualTo("temp");
    assertThat(call("PUT", "/temp").body).isEqualTo("put temp");
  }

  @Test
  void answersHeadWhereGetIsRouted() throws Exception {
    assertThat(call("HEAD", "/temp").body).isEqualTo("temp");
    assertThat(call("HEAD", "/api/v1/sensors/x").body).isEqualTo("sensor x");
  }

  @Test
  void bindsPercentDecodedPathParametersAndQuery() throws Exception {
    assertThat(call("GET", "/api/v1/sensors/cpu%20temp").body).isEqualTo("sensor cpu temp");
    assertThat(call("GET", "/api/v1/sensors/t1/history?since=1h%2B&x=y").body)
        .isEqualTo("history t1 since 1h+");
    assertThat(call("GET", "/api/v1/sensors/t1/history?since=a+b").body)
        .isEqualTo("history t1 since a b");
  }

  @Test
  void answers404WhenNothingMatches() throws Exception {
    for (String target :
        new String[] {"/nothing", "/temp/", "/api/v1/sensors", "/api/v1/sensors/"}) {
      RecordingResponse response = call("GET", target);
      assertThat(response.status).as("status of GET %s", target).isEqualTo(404);
      assertThat(response.headers.get("Content-Type")).isEqualTo("application/problem+json");
    }
  }

  @Test
  void answers405WithAllowForAnotherMethod() throws Exception {
    RecordingResponse response = call("DELETE", "/temp");
    assertThat(response.status).isEqualTo(405);
    assertThat(response.headers.get("Allow")).isEqualTo("GET, HEAD, PUT");
    assertThat(call("POST", "/api/v1/sensors/x").headers.get("Allow")).isEqualTo("GET, HEAD");
  }

  @Test
  void handsTheRestOfAMountedPathStillEncoded() throws Exception {
    assertThat(call("GET", "/static/css/a%20b.css").body).isEqualTo("static css/a%20b.css");
    assertThat(call("GET", "/static").body).isEqualTo("static ");
    assertThat(call("GET", "/static/deep/x.js").body).as("longest prefix").isEqualTo("deep x.js");
    assertThat(call("GET", "/staticfile").status).isEqualTo(404);
  }

  @Test
  void refusesBadTemplatesAndDuplicates() {
    assertThatThrownBy(() -> Router.create().get("temp", (q, r) -> r.send()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Router.create().get("/a/x{id}", (q, r) -> r.send()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> router.get("/temp", (q, r) -> r.send()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("GET /temp");
  }
}
