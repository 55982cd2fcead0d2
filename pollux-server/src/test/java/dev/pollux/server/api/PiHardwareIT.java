package dev.pollux.server.api;

import static dev.pollux.server.api.ApiClient.TOKEN;
import static dev.pollux.server.api.ApiClient.assertProblem;
import static dev.pollux.server.api.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pollux.testing.net.LeakCheck;
import dev.pollux.testing.sysfs.FakeSysfs;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Raspberry Pi's LEDs, fan and PWM channel and its health flags through the HTTP API: LED writes
 * that behave like {@code echo}, unreadable LEDs that stay listed, kernel triggers, the fan given
 * back to automatic control at shutdown, and boolean sensors as {@code 0}/{@code 1}.
 */
class PiHardwareIT {

  @RegisterExtension
  final LeakCheck leaks = LeakCheck.threadsNamed("pollux-").afterWarmUp(ApiClient::warmUpOnce);

  private static final String LED = "led_act";
  private static final String FAN = "fan_platform_cooling_fan_pwm1";
  private static final String CHANNEL = "pwm_pwmchip0_pwm0";

  @TempDir Path dir;
  private FakeSysfs tree;
  private ApiClient api;

  @BeforeEach
  void start() {
    tree =
        FakeSysfs.in(dir.resolve("tree"))
            .thermalZone(0, "cpu-thermal", 48_312)
            .led("ACT", 128, 255)
            .ledTriggers("ACT", "mmc0", "none", "mmc0", "heartbeat")
            .getThrottled(0x50005)
            .cpufreqPolicy(0, 1_500_000, 0, 1, 2, 3)
            .pwmChannel(0, 0, 20_000_000, 0)
            .loadavg(0.5, 0.4, 0.3);
    tree.rpiVolt(1, false);
    tree.coolingFan(2, 2_900, 77);
    api = ApiClient.start(ApiClient.server(tree));
  }

  @AfterEach
  void stop() {
    api.close();
  }

  private Path led(String file) {
    return tree.ledDir("ACT").resolve(file);
  }

  private Path fan(String file) {
    return tree.sysfsRoot().resolve("devices/platform/cooling_fan/hwmon/hwmon2").resolve(file);
  }

  @Test
  void writingZeroOverALongerValueLeavesOnlyTheNewValueAndTheLedStaysWritable() throws IOException {
    assertThat(put(LED, "{\"value\": 0}").statusCode()).isEqualTo(200);
    assertThat(Files.readString(led("brightness"))).isEqualTo("0\n");

    assertThat(actuator(LED)).containsEntry("value", 0).containsEntry("status", "ok");
    assertThat(put(LED, "{\"value\": 5}").statusCode())
        .as("the next write (was 404 when the LED vanished)")
        .isEqualTo(200);
  }

  @Test
  void anUnreadableLedIsListedWithItsErrorAndCanBeWritten() throws IOException {
    tree.write(led("brightness"), "0\n8\n");

    Map<String, Object> broken = actuator(LED);
    assertThat(broken)
        .containsEntry("status", "error")
        .containsEntry("error", "unparsable value")
        .containsEntry("value", null)
        .containsEntry("max", 255);

    HttpResponse<String> fixed = put(LED, "{\"value\": 7}");
    assertThat(fixed.statusCode()).as("PUT on the unreadable LED: %s", fixed.body()).isEqualTo(200);
    assertThat(json(fixed)).containsEntry("value", 7).containsEntry("status", "ok");
  }

  @Test
  void theLedShowsItsTriggersAndABrightnessWriteSetsTheTriggerToNone() throws IOException {
    assertThat(actuator(LED))
        .containsEntry("trigger", "mmc0")
        .containsEntry("triggers", List.of("none", "mmc0", "heartbeat"));

    HttpResponse<String> response = put(LED, "{\"value\": 255}");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response)).containsEntry("trigger", "none").containsEntry("value", 255);
    assertThat(Files.readString(led("trigger"))).isEqualTo("none\n");
    assertThat(Files.readString(led("brightness"))).isEqualTo("255\n");
  }

  @Test
  void aTriggerFromTheListIsRestoredAndAnUnknownOneIsUnprocessable() throws IOException {
    assertProblem(put(LED, "{\"trigger\": \"disco\"}"), 422);
    assertProblem(put("fan_platform_cooling_fan_pwm1", "{\"trigger\": \"heartbeat\"}"), 422);
    assertProblem(put("led_nope", "{\"trigger\": \"heartbeat\"}"), 404);
    assertProblem(put(LED, "{\"trigger\": 3}"), 400);
    assertProblem(send(LED, "{\"trigger\": \"heartbeat\"}", null), 401);
    assertThat(Files.readString(led("trigger"))).isEqualTo("none [mmc0] heartbeat\n");

    HttpResponse<String> response = put(LED, "{\"trigger\": \"heartbeat\"}");

    assertThat(response.statusCode()).as("PUT trigger: %s", response.body()).isEqualTo(200);
    assertThat(json(response)).containsEntry("id", LED).containsEntry("trigger", "heartbeat");
    assertThat(Files.readString(led("trigger"))).isEqualTo("heartbeat\n");
  }

  @Test
  void theFanIsSetManuallyAndGivenBackToAutomaticControlAtShutdown() throws IOException {
    assertThat(actuator(FAN))
        .isEqualTo(
            Map.of("id", FAN, "kind", "fan", "min", 0, "max", 255, "value", 77, "status", "ok"));

    HttpResponse<String> response = put(FAN, "{\"value\": 200}");

    assertThat(response.statusCode()).as("PUT fan: %s", response.body()).isEqualTo(200);
    assertThat(Files.readString(fan("pwm1")).strip()).isEqualTo("200");
    assertThat(Files.readString(fan("pwm1_enable")).strip()).isEqualTo("1");
    assertProblem(put(FAN, "{\"value\": 256}"), 422);
    await("the fan's duty as a sensor")
        .atMost(ApiClient.DEADLINE)
        .until(
            () -> sensorValue("hwmon_platform_cooling_fan_pwm1"),
            v -> Double.valueOf(200).equals(v));

    api.close();

    assertThat(Files.readString(fan("pwm1_enable")).strip())
        .as("pwm1_enable after the server stopped")
        .isEqualTo("2");
  }

  @Test
  void thePwmChannelTakesADutyCycleUpToItsPeriod() throws IOException {
    assertThat(actuator(CHANNEL))
        .isEqualTo(
            Map.of(
                "id",
                CHANNEL,
                "kind",
                "pwm",
                "min",
                0,
                "max",
                20_000_000,
                "value",
                0,
                "status",
                "ok"));
    assertThat(put(CHANNEL, "{\"value\": 1500000}").statusCode()).isEqualTo(200);
    assertThat(Files.readString(tree.pwmChannelDir(0, 0).resolve("duty_cycle")))
        .isEqualTo("1500000\n");
    assertProblem(put(CHANNEL, "{\"value\": 20000001}"), 422);
  }

  @Test
  void booleanSensorsAreZeroOrOneInJson() {
    HttpResponse<String> undervoltage = api.get("/api/v1/sensors/throttled_undervoltage");
    assertThat(undervoltage.statusCode()).isEqualTo(200);
    assertThat(undervoltage.body()).contains("\"kind\":\"boolean\"").contains("\"value\":1,");
    assertThat(json(undervoltage)).containsEntry("value", 1).containsEntry("unit", "");

    HttpResponse<String> capped = api.get("/api/v1/sensors/throttled_frequency_capped");
    assertThat(capped.body()).contains("\"value\":0,");
    HttpResponse<String> alarm =
        api.get("/api/v1/sensors/hwmon_soc_firmware_raspberrypi_hwmon_in0_lcrit_alarm");
    assertThat(json(alarm)).containsEntry("value", 0).containsEntry("label", "under-voltage");
    assertThat(json(api.get("/api/v1/sensors/cpufreq_policy0")))
        .containsEntry("kind", "frequency")
        .containsEntry("unit", "Hz")
        .containsEntry("value", 1.5e9);
  }

  private Object sensorValue(String id) {
    return json(api.get("/api/v1/sensors/" + id)).get("value");
  }

  @SuppressWarnings("unchecked") // the JSON shape is what is under test; a wrong one fails the cast
  private Map<String, Object> actuator(String id) {
    HttpResponse<String> response = api.get("/api/v1/actuators");
    assertThat(response.statusCode()).isEqualTo(200);
    List<Map<String, Object>> all = (List<Map<String, Object>>) ApiClient.jsonValue(response);
    return all.stream()
        .filter(a -> id.equals(a.get("id")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no actuator " + id + " in " + response.body()));
  }

  private HttpResponse<String> put(String id, String body) {
    return send(id, body, "Bearer " + TOKEN);
  }

  private HttpResponse<String> send(String id, String body, String authorization) {
    HttpRequest.Builder request =
        api.request("/api/v1/actuators/" + id)
            .header("Content-Type", "application/json")
            .PUT(ApiClient.bodyOf(body));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return api.send(request);
  }
}
