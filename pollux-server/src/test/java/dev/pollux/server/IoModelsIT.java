package dev.pollux.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pollux.loop.Transports;
import dev.pollux.server.cli.PolluxCommand;
import dev.pollux.testing.net.Leaks;
import dev.pollux.testing.net.RawClient;
import dev.pollux.testing.sysfs.FakeSysfs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The whole server on each {@code --io} model of {@link Transports#names()} (pollux-epoll's {@code
 * epoll} among them): the same TCP conversation and the same HTTP requests get the same answers,
 * because the model changes only what serving costs.
 */
@ParameterizedClass(name = "--io {0}")
@SuppressWarnings("StringConcatToTextBlock") // CRLFs read better as escapes
@MethodSource("models")
class IoModelsIT {

  private static final Pattern STATUS = Pattern.compile("HTTP/1\\.1 (\\d{3}) ");

  @Parameter String model;

  @TempDir Path dir;

  private Leaks leaks;
  private PolluxServer server;

  static List<String> models() {
    return Transports.names();
  }

  @BeforeEach
  void start() throws Exception {
    leaks = Leaks.snapshot("pollux-");
    FakeSysfs fake =
        FakeSysfs.in(dir)
            .thermalZone(0, "x86_pkg_temp", 45_032)
            .loadavg(0.5, 0.5, 0.5)
            .meminfo(8_000_000, 4_000_000)
            .uptime(100);
    List<String> args =
        List.of(
            "--bind",
            "127.0.0.1",
            "--http-port",
            "0",
            "--tcp-port",
            "0",
            "--io",
            model,
            "--sysfs",
            fake.sysfsRoot().toString(),
            "--procfs",
            fake.procfsRoot().toString(),
            "--interval",
            "100ms");
    server = PolluxServer.start(PolluxCommand.parse(args, Map.of()));
    // The sampler's first pass runs on its own thread after start; /temp is 503 until it ends.
    await("the first sampling pass")
        .atMost(Duration.ofSeconds(20))
        .until(() -> server.device().snapshot().sequence() > 0);
  }

  @AfterEach
  void stop() {
    server.close();
    leaks.assertReleased();
  }

  @Test
  void theTcpProtocolAnswersTheSame() throws Exception {
    try (RawClient client = RawClient.connect(server.tcpAddress().orElseThrow().getPort())) {
      assertThat(client.readLine()).as("banner").startsWith("pollux ");
      client.write("info\n");
      assertThat(client.readLine()).as("reply to info").contains(" io=" + model + " ");
      client.write("temp\n");
      assertThat(client.readLine()).as("reply to temp").isEqualTo("45.032");
      client.write("list\n");
      List<String> list = new ArrayList<>();
      for (String line = client.readLine(); !line.equals("."); line = client.readLine()) {
        list.add(line);
      }
      assertThat(list).as("reply to list").anyMatch(line -> line.contains(" 45.032"));
      client.write("watch all 100ms\n");
      for (int i = 0; i < 2; i++) {
        assertThat(client.readLine()).as("watch line %d", i).matches("\\d{4}-\\d\\d-\\d\\dT.* .+");
      }
      client.write("stop\n");
      String line = client.readLine();
      while (!line.equals("OK")) {
        assertThat(line).as("a watch line before the OK of stop").matches("\\d{4}-.*");
        line = client.readLine();
      }
      client.write("quit\n");
      assertThat(client.readLine()).isEqualTo("BYE");
      assertThat(client.awaitClosed()).as("closed after quit").isTrue();
    }
  }

  @Test
  void pipelinedHttpRequestsAreAnsweredInOrder() throws Exception {
    try (RawClient client = RawClient.connect(server.httpAddress().orElseThrow().getPort())) {
      client.write(
          "GET /temp HTTP/1.1\r\nHost: a\r\n\r\n"
              + "GET /api/v1/sensors HTTP/1.1\r\nHost: a\r\n\r\n"
              + "GET /healthz HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
      String replies = client.readToEndAsString();
      List<String> statuses = new ArrayList<>();
      Matcher status = STATUS.matcher(replies);
      while (status.find()) {
        statuses.add(status.group(1));
      }
      assertThat(statuses)
          .as("statuses of three pipelined requests: %s", replies)
          .containsExactly("200", "200", "200");
      int temp = replies.indexOf("45.032\n");
      int sensors = replies.indexOf("{\"sensors\":[");
      int health = replies.lastIndexOf("ok");
      assertThat(temp).as("the /temp body in %s", replies).isPositive();
      assertThat(sensors).as("the sensors JSON after /temp").isGreaterThan(temp);
      assertThat(health).as("the /healthz body last").isGreaterThan(sensors);
    }
  }
}
