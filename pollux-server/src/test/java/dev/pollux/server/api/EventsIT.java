package dev.pollux.server.api;

import static dev.pollux.server.api.ApiClient.DEADLINE;
import static dev.pollux.server.api.ApiClient.PRIMARY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.pollux.server.PolluxServer;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code GET /api/v1/events[?sensor=id]}: a {@code reading} event per sensor and sample, the tree's
 * changes arriving as events, {@code 404} for an unknown sensor, and a clean end of every stream
 * when the server shuts down.
 */
class EventsIT {

  @RegisterExtension final ApiClient api = ApiClient.standard();

  /** At 100 ms a sample and a handful of sensors, this many events span several samples. */
  private static final int EVENT_LIMIT = 2_000;

  @Test
  void streamsAReadingEventPerSensorAndSample() throws IOException {
    try (SseClient events = SseClient.open(api, "/api/v1/events")) {
      assertThat(events.header("Content-Type"))
          .as("GET /api/v1/events: Content-Type")
          .startsWith("text/event-stream");
      assertThat(events.header("X-Content-Type-Options"))
          .as("GET /api/v1/events: X-Content-Type-Options")
          .isEqualTo("nosniff");

      SseClient.Event first = events.next();
      assertThat(first.name()).as("the first event: %s", first).isEqualTo("reading");
      assertThat(json(first))
          .as("the first event: %s", first)
          .containsKeys("id", "value", "status");

      SseClient.Event cpu = events.nextMatching(e -> PRIMARY.equals(id(e)), EVENT_LIMIT, PRIMARY);
      assertThat(json(cpu))
          .as("the event of %s: %s", PRIMARY, cpu)
          .containsEntry("kind", "temperature")
          .containsEntry("unit", "°C")
          .containsEntry("label", "cpu-thermal")
          .containsEntry("value", 48.312);
      SseClient.Event load = events.nextMatching(e -> "load1".equals(id(e)), EVENT_LIMIT, "load1");
      assertThat(json(load)).as("the event of load1: %s", load).containsEntry("value", 0.5);
    }
  }

  @Test
  void aValueWrittenToTheTreeArrivesAsAnEvent() throws IOException {
    try (SseClient events = SseClient.open(api, "/api/v1/events")) {
      events.nextMatching(e -> PRIMARY.equals(id(e)), EVENT_LIMIT, PRIMARY);

      api.tree.write(api.zoneTemp(0), "61500\n");

      SseClient.Event changed =
          events.nextMatching(
              e -> PRIMARY.equals(id(e)) && Double.valueOf(61.5).equals(json(e).get("value")),
              EVENT_LIMIT,
              PRIMARY + " at 61.5 after writing 61500 to its temp");
      assertThat(json(changed)).as("%s", changed).containsEntry("status", "ok");
    }
  }

  @Test
  void aSensorQueryStreamsOnlyThatSensor() throws IOException {
    try (SseClient events = SseClient.open(api, "/api/v1/events?sensor=load1")) {
      for (int i = 0; i < 5; i++) {
        SseClient.Event event = events.next();
        assertThat(event.name()).as("event %d of ?sensor=load1: %s", i, event).isEqualTo("reading");
        assertThat(id(event)).as("event %d of ?sensor=load1: %s", i, event).isEqualTo("load1");
      }
    }
  }

  @Test
  void anUnknownSensorIsNotFound() {
    ApiClient.assertProblem(api.get("/api/v1/events?sensor=nope"), 404);
  }

  @Test
  void shutdownEndsAnOpenStreamCleanly() throws Exception {
    try (SseClient events = SseClient.open(api, "/api/v1/events?sensor=" + PRIMARY)) {
      events.next();
      long start = System.nanoTime();

      CompletableFuture<Void> closing = CompletableFuture.runAsync(api::close);
      List<String> rest = events.awaitEnd();
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      closing.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
      assertThat(took)
          .as("time from close() to the end of the stream (lines after it: %s)", rest.size())
          .isLessThan(PolluxServer.SHUTDOWN_GRACE);
    }
  }

  private static Map<String, Object> json(SseClient.Event event) {
    try {
      return JSON.std.mapFrom(event.data());
    } catch (IOException e) {
      throw new AssertionError("the data of " + event + " is not a JSON object", e);
    }
  }

  private static String id(SseClient.Event event) {
    return (String) json(event).get("id");
  }
}
