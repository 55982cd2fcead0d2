package dev.pollux.server.tcp;

import static dev.pollux.server.tcp.Talk.ask;
import static dev.pollux.server.tcp.Talk.askBlock;
import static dev.pollux.server.tcp.Talk.isWatchOf;
import static dev.pollux.server.tcp.Talk.readUntil;
import static dev.pollux.server.tcp.Talk.watchLine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pollux.server.TestServer;
import dev.pollux.server.tcp.Talk.WatchLine;
import dev.pollux.testing.net.LeakCheck;
import dev.pollux.testing.net.RawClient;
import dev.pollux.testing.sysfs.FakeSysfs;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code watch} and {@code stop} of design.md's TCP protocol, and values written to the fake tree
 * reaching {@code temp}, {@code get}, {@code list} and {@code watch} after the next sample.
 */
class TcpWatchIT {

  @RegisterExtension final LeakCheck leaks = LeakCheck.threadsNamed("pollux-");

  private static final Set<String> STANDARD_IDS =
      TcpProtocolIT.STANDARD_LIST.stream()
          .map(l -> l.split(" ", -1)[0])
          .collect(Collectors.toSet());

  @TempDir Path dir;
  private FakeSysfs tree;
  private TestServer server;

  @BeforeEach
  void start() {
    tree = TestServer.standardTree(dir);
    server = TestServer.on(tree).tcp().start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void watchOfOneSensorStreamsTimedLinesAndShowsANewValue() throws IOException {
    try (RawClient client = server.connectTcp()) {
      client.write("watch thermal_zone1\n");
      WatchLine first = watchLine(client.readLine());
      assertThat(first.id()).isEqualTo("thermal_zone1");
      assertThat(first.value()).isEqualTo("41.25");
      assertThat(Duration.between(first.at(), Instant.now()).abs())
          .as("time of the first watch line %s against now", first.at())
          .isLessThan(Duration.ofMinutes(1));

      writeZone(1, -5_500);
      List<String> lines =
          readUntil(client, l -> isWatchOf(l, "thermal_zone1", "-5.5"), "thermal_zone1 at -5.5");
      for (String line : lines) {
        assertThat(watchLine(line).id()).as("watch line '%s'", line).isEqualTo("thermal_zone1");
      }
    }
  }

  @Test
  void stopAnswersOkAndTheStreamStops() throws IOException {
    try (RawClient client = server.connectTcp()) {
      client.write("watch all\n");
      assertThat(watchLine(client.readLine()).id()).isIn(STANDARD_IDS);
      client.write("stop\n");
      List<String> beforeOk = readUntil(client, "OK"::equals, "OK after stop");
      for (String line : beforeOk.subList(0, beforeOk.size() - 1)) {
        watchLine(line); // only watch lines may come before the OK
      }
      server.awaitFreshSample();
      server.awaitFreshSample();
      assertThat(ask(client, "temp"))
          .as("the line after two more samples: no watch line, the reply to temp")
          .isEqualTo("48.312");
    }
  }

  @Test
  void watchAllGivesEverySensorOncePerSample() throws IOException {
    try (RawClient client = server.connectTcp()) {
      client.write("watch all\n");
      List<WatchLine> lines = new ArrayList<>();
      for (int i = 0; i < 3 * STANDARD_IDS.size(); i++) {
        lines.add(watchLine(client.readLine()));
      }
      for (int sample = 0; sample < 3; sample++) {
        List<WatchLine> one =
            lines.subList(sample * STANDARD_IDS.size(), (sample + 1) * STANDARD_IDS.size());
        assertThat(one.stream().map(WatchLine::id).collect(Collectors.toSet()))
            .as("ids of sample %d: %s", sample, one)
            .isEqualTo(STANDARD_IDS);
      }
      assertThat(lines.stream().filter(l -> l.id().equals("load5")).map(WatchLine::value))
          .containsOnly("0.58");
    }
  }

  @Test
  void aPeriodShorterThanTheIntervalGivesEachNewSampleOnce() throws IOException {
    try (RawClient client = server.connectTcp()) {
      client.write("watch thermal_zone0 10ms\n");
      List<WatchLine> lines = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        lines.add(watchLine(client.readLine()));
      }
      for (int i = 1; i < lines.size(); i++) {
        assertThat(lines.get(i).at())
            .as("watch lines with a 10ms period and a longer interval: %s", lines)
            .isAfter(lines.get(i - 1).at());
      }
    }
  }

  @Test
  void watchWithAPeriodSpacesTheLines() throws IOException {
    try (RawClient client = server.connectTcp()) {
      client.write("watch thermal_zone0 700ms\n");
      List<WatchLine> lines = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        lines.add(watchLine(client.readLine()));
      }
      for (int i = 1; i < lines.size(); i++) {
        // A sample may come up to half an interval early and still count for its period.
        Duration gap = Duration.between(lines.get(i - 1).at(), lines.get(i).at());
        assertThat(gap)
            .as("gap between watch lines %s (period 700ms, interval %s)", lines, "200ms")
            .isGreaterThanOrEqualTo(Duration.ofMillis(550));
      }
      client.write("watch all 500ms\n");
      Set<String> ids = new HashSet<>();
      readUntil(
          client,
          l -> l.matches(Talk.WATCH_LINE.pattern()) && ids.add(watchLine(l).id()) && ids.size() > 1,
          "a second sensor after 'watch all 500ms' replaced the watch");
    }
  }

  @Test
  void watchOfAnUnknownSensorIsAnError() throws IOException {
    try (RawClient client = server.connectTcp()) {
      assertThat(ask(client, "watch thermal_zone7")).isEqualTo("ERR unknown sensor");
      assertThat(ask(client, "watch all 5ms")).as("a period under 10ms").startsWith("ERR ");
      assertThat(ask(client, "temp")).isEqualTo("48.312");
    }
  }

  @Test
  void aValueWrittenToTheTreeReachesTempGetListAndWatch() throws IOException {
    try (RawClient client = server.connectTcp();
        RawClient watcher = server.connectTcp()) {
      watcher.write("watch thermal_zone0\n");
      watchLine(watcher.readLine());

      writeZone(0, 50_500);
      writeZone(1, -12_345);
      await("temp to show the new value")
          .atMost(TestServer.DEADLINE)
          .untilAsserted(() -> assertThat(ask(client, "temp")).isEqualTo("50.5"));
      server.awaitFreshSample(); // both zones are read in every pass
      assertThat(ask(client, "get thermal_zone0")).isEqualTo("50.5 °C");
      assertThat(ask(client, "get thermal_zone1")).isEqualTo("-12.345 °C");
      assertThat(askBlock(client, "list"))
          .contains("thermal_zone0 50.5 °C", "thermal_zone1 -12.345 °C");
      readUntil(watcher, l -> isWatchOf(l, "thermal_zone0", "50.5"), "thermal_zone0 at 50.5");
    }
  }

  private void writeZone(int zone, long milliCelsius) {
    tree.write(tree.thermalZoneDir(zone).resolve("temp"), milliCelsius + "\n");
  }
}
