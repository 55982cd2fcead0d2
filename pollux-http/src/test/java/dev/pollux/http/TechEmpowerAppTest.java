package dev.pollux.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pollux.http.examples.TechEmpowerApp;
import dev.pollux.http.internal.connection.TestRequests;
import org.junit.jupiter.api.Test;

/** The two TechEmpower tests answer what the benchmark's rules ask. */
class TechEmpowerAppTest {

  private static RecordingResponse get(String path) throws Exception {
    RecordingResponse response = new RecordingResponse();
    TechEmpowerApp.router()
        .handle(TestRequests.of("GET " + path + " HTTP/1.1\r\nHost: a\r\n\r\n"), response);
    return response;
  }

  @Test
  void answersPlaintext() throws Exception {
    RecordingResponse response = get("/plaintext");
    assertThat(response.body).isEqualTo("Hello, World!");
    assertThat(response.headers).containsEntry("Content-Type", "text/plain");
  }

  @Test
  void answersJson() throws Exception {
    RecordingResponse response = get("/json");
    assertThat(response.body).isEqualTo("{\"message\":\"Hello, World!\"}");
    assertThat(response.headers).containsEntry("Content-Type", "application/json");
  }
}
