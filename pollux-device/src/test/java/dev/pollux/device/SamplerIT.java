package dev.pollux.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import dev.pollux.testing.sysfs.FakeSysfs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sampler with its reader threads, on fake trees: values, failures, stuck reads, history. */
class SamplerIT {
  private static final String HWMON_TEMP = "hwmon_platform_coretemp_0_temp1";

  @TempDir Path dir;

  private final FakeClock clock = new FakeClock();

  private Device open(FakeSysfs fake) {
    return Device.open(Trees.config(fake).clock(clock).build());
  }

  private static Reading reading(Snapshot snapshot, String id) {
    Reading r = snapshot.reading(id);
    assertThat(r).as("reading(%s) in snapshot %s", id, snapshot.readings()).isNotNull();
    return r;
  }

  private Path zoneTemp(int n) {
    return dir.resolve("sys/class/thermal/thermal_zone" + n + "/temp");
  }

  private Path coretempInput() {
    return dir.resolve("sys/devices/platform/coretemp.0/hwmon/hwmon1/temp1_input");
  }

  @Test
  void publishesEveryValueConvertedAndUpdatesItOnTheNextPass() {
    FakeSysfs fake = Trees.x86Laptop(dir);
    try (Device device = open(fake)) {
      Snapshot first = device.sampleOnce();
      assertThat(first.sequence()).isEqualTo(1);
      assertThat(first.readings())
          .allSatisfy(r -> assertThat(r.status()).isEqualTo(Reading.Status.OK));
      assertThat(reading(first, "thermal_zone1").value()).isCloseTo(56.0, within(1e-9));
      assertThat(first.primaryTemperature().id()).isEqualTo("thermal_zone1");

      fake.write(zoneTemp(1), "-3500\n");
      clock.advance(Duration.ofSeconds(1));
      Snapshot second = device.sampleOnce();
      Reading zone = reading(second, "thermal_zone1");
      assertThat(zone.value()).isCloseTo(-3.5, within(1e-9));
      assertThat(zone.atMillis()).isEqualTo(clock.millis());
      assertThat(zone.ageMillis()).isZero();
      assertThat(second.sequence()).isEqualTo(2);
    }
  }

  /** The failure modes that a fake tree can make: one test each, the others keep updating. */
  private void assertErrorWhileOthersUpdate(
      FakeSysfs fake, Device device, String id, String reason) {
    fake.write(zoneTemp(1), "60000\n");
    clock.advance(Duration.ofSeconds(1));
    Snapshot snapshot = device.sampleOnce();
    Reading failed = reading(snapshot, id);
    assertThat(failed.status()).as("status of %s", id).isEqualTo(Reading.Status.ERROR);
    assertThat(failed.reason()).as("reason of %s", id).isEqualTo(reason);
    assertThat(failed.errorCount()).isEqualTo(1);
    Reading other = reading(snapshot, "thermal_zone1");
    assertThat(other.status()).isEqualTo(Reading.Status.OK);
    assertThat(other.value()).as("the other sensor updated").isCloseTo(60.0, within(1e-9));

    clock.advance(Duration.ofSeconds(1));
    assertThat(reading(device.sampleOnce(), id).errorCount())
        .as("counted per failed read")
        .isEqualTo(2);
  }

  @Test
  void givesAMissingFileAnError() {
    FakeSysfs fake = Trees.x86Laptop(dir);
    try (Device device = open(fake)) {
      device.sampleOnce();
      fake.delete(coretempInput());
      assertErrorWhileOthersUpdate(fake, device, HWMON_TEMP, "file missing");
      assertThat(reading(device.snapshot(), HWMON_TEMP).value())
          .as("the last good value is kept")
          .isCloseTo(56.0, within(1e-9));
    }
  }

  @Test
  void givesAnIoErrorAnError() {
    FakeSysfs fake = Trees.x86Laptop(dir);
    try (Device device = open(fake)) {
      device.sampleOnce();
      fake.directoryInPlaceOf(coretempInput());
      assertErrorWhileOthersUpdate(fake, device, HWMON_TEMP, "i/o error");
    }
  }

  @Test
  void givesAnEmptyFileAnError() {
    FakeSysfs fake = Trees.x86Laptop(dir);
    try (Device device = open(fake)) {
      device.sampleOnce();
      fake.write(coretempInput(), "");
      assertErrorWhileOthersUpdate(fake, device, HWMON_TEMP, "empty value");
    }
  }

  @Test
  void givesGarbageAnError() {
    FakeSysfs fake = Trees.x86Laptop(dir);
    try (Device device = open(fake)) {
      device.sampleOnce();
      fake.write(zoneTemp(0), "hot\n");
      assertErrorWhileOthersUpdate(fake, device, "thermal_zone0", "unparsable value");
    }
  }

  @Test
  void givesAVanishedChipAnErrorAndDropsItAtTheNextRescan() {
    FakeSysfs fake = Trees.x86Laptop(dir);
    try (Device device = open(fake)) {
      device.sampleOnce();
      fake.delete(dir.resolve("sys/devices/platform/coretemp.0"));
      fake.delete(dir.resolve("sys/class/hwmon/hwmon1"));
      assertErrorWhileOthersUpdate(fake, device, HWMON_TEMP, "file missing");
      device.rescan();
      Snapshot after = device.sampleOnce();
      assertThat(after.reading(HWMON_TEMP)).isNull();
      assertThat(reading(after, "thermal_zone1").ok()).isTrue();
    }
  }

  @Test
  void picksUpANewSensorAtTheNextRescanKeepingTheOthersState() {
    FakeSysfs fake = Trees.raspberryPi(dir);
    try (Device device = open(fake)) {
      device.sampleOnce();
      fake.thermalZone(1, "gpu-thermal", 45_000);
      device.rescan();
      Snapshot after = device.sampleOnce();
      assertThat(reading(after, "thermal_zone1").value()).isCloseTo(45.0, within(1e-9));
      assertThat(device.history("thermal_zone0", 0).size()).as("history kept").isEqualTo(2);
    }
  }

  @Test
  void goesOnWithTheOthersWhileAReadBlocks() {
    FakeSysfs fake = Trees.x86Laptop(dir);
    DeviceConfig config =
        Trees.config(fake)
            .clock(clock)
            .interval(Duration.ofSeconds(5))
            .readTimeout(Duration.ofMillis(300))
            .build();
    try (Device device = Device.open(config)) {
      device.sampleOnce();
      fake.fifoInPlaceOf(coretempInput());
      fake.write(zoneTemp(1), "61000\n");

      long started = System.nanoTime();
      Snapshot blocked = device.sampleOnce();
      long tookMillis = (System.nanoTime() - started) / 1_000_000;
      assertThat(tookMillis).as("pass with one read stuck, interval 5 s").isLessThan(5_000);
      assertThat(reading(blocked, "thermal_zone1").value()).isCloseTo(61.0, within(1e-9));
      assertThat(reading(blocked, "load1").ok()).isTrue();
      assertThat(reading(blocked, HWMON_TEMP).errorCount()).isZero();

      clock.advance(Duration.ofSeconds(16)); // beyond 3 intervals: the stuck sensor turns stale
      Snapshot stale = device.sampleOnce();
      assertThat(reading(stale, HWMON_TEMP).status()).isEqualTo(Reading.Status.STALE);
      assertThat(reading(stale, HWMON_TEMP).reason()).isEqualTo("read in flight");
      assertThat(reading(stale, HWMON_TEMP).ageMillis()).isEqualTo(16_000);
      assertThat(reading(stale, "thermal_zone1").ok()).isTrue();

      fake.feedFifo(coretempInput(), "57000\n"); // the one read in flight returns
      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(() -> assertThat(device.history(HWMON_TEMP, 0).size()).isEqualTo(2));
      fake.delete(coretempInput()).write(coretempInput(), "58000\n");
      Reading recovered = reading(device.sampleOnce(), HWMON_TEMP);
      assertThat(recovered.ok()).isTrue();
      assertThat(recovered.value()).isCloseTo(58.0, within(1e-9));
      assertThat(device.history(HWMON_TEMP, 0).values()).containsExactly(56.0, 57.0, 58.0);
    }
  }

  @Test
  void marksAValueOlderThanThreeIntervalsStale() {
    FakeSysfs fake = Trees.raspberryPi(dir);
    try (Device device = open(fake)) {
      device.sampleOnce();
      clock.advance(Duration.ofMillis(3_500)); // 3 intervals of 1 s, and a half
      fake.fifoInPlaceOf(zoneTemp(0)); // so that this pass cannot refresh the value
      Reading r = reading(device.sampleOnce(), "thermal_zone0");
      assertThat(r.status()).isEqualTo(Reading.Status.STALE);
      assertThat(r.ageMillis()).isEqualTo(3_500);
      fake.feedFifo(zoneTemp(0), "1\n");
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> device.history("thermal_zone0", 0).size() == 2);
    }
  }

  @Test
  void aReadHangingLongAfterAnErrorIsReportedStaleNotAsTheOldError() {
    FakeSysfs fake = Trees.raspberryPi(dir);
    try (Device device = open(fake)) {
      fake.delete(zoneTemp(0));
      Reading missing = reading(device.sampleOnce(), "thermal_zone0");
      assertThat(missing.status()).isEqualTo(Reading.Status.ERROR);
      assertThat(missing.reason()).isEqualTo("file missing");

      fake.fifoInPlaceOf(zoneTemp(0)); // the next read hangs
      Reading justAfter = reading(device.sampleOnce(), "thermal_zone0");
      assertThat(justAfter.status())
          .as("the error is still the latest news")
          .isEqualTo(Reading.Status.ERROR);

      clock.advance(Duration.ofMillis(3_500)); // beyond 3 intervals since the error
      Reading hanging = reading(device.sampleOnce(), "thermal_zone0");
      assertThat(hanging.status()).isEqualTo(Reading.Status.STALE);
      assertThat(hanging.reason()).isEqualTo("read in flight");

      fake.feedFifo(zoneTemp(0), "47000\n");
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> device.history("thermal_zone0", 0).size() == 1);
    }
  }

  @Test
  void keepsHistoryBoundedToItsLength() {
    FakeSysfs fake = Trees.raspberryPi(dir);
    DeviceConfig config =
        Trees.config(fake)
            .clock(clock)
            .interval(Duration.ofSeconds(1))
            .history(Duration.ofSeconds(3))
            .build();
    try (Device device = Device.open(config)) {
      for (int i = 1; i <= 5; i++) {
        fake.write(zoneTemp(0), i * 1000 + "\n");
        device.sampleOnce();
        clock.advance(Duration.ofSeconds(1));
      }
      History history = device.history("thermal_zone0", 0);
      assertThat(history.values()).containsExactly(3.0, 4.0, 5.0);
      long third = history.epochMillis(1);
      assertThat(device.history("thermal_zone0", third).values()).containsExactly(4.0, 5.0);
      assertThat(device.history("nope", 0)).isNull();
    }
  }

  @Test
  void tellsListenersAndSurvivesOneThatThrows() {
    List<Long> seen = new CopyOnWriteArrayList<>();
    Consumer<Snapshot> throwing =
        s -> {
          throw new IllegalStateException("listener bug, on purpose");
        };
    try (Device device = open(Trees.raspberryPi(dir))) {
      device.addListener(throwing);
      device.addListener(s -> seen.add(s.sequence()));
      device.sampleOnce();
      device.sampleOnce();
      assertThat(seen).containsExactly(1L, 2L);
    }
  }

  @Test
  void samplesOnItsOwnThreadOncePerInterval() {
    FakeSysfs fake = Trees.raspberryPi(dir);
    DeviceConfig config = Trees.config(fake).interval(Duration.ofMillis(50)).build();
    List<String> threads = new CopyOnWriteArrayList<>();
    try (Device device = Device.open(config)) {
      device.addListener(s -> threads.add(Thread.currentThread().getName()));
      device.start();
      await().atMost(Duration.ofSeconds(20)).until(() -> device.snapshot().sequence() >= 3);
      fake.write(zoneTemp(0), "70000\n");
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> device.snapshot().primaryTemperature().value() == 70.0);
    }
    assertThat(threads)
        .isNotEmpty()
        .allSatisfy(name -> assertThat(name).isEqualTo("pollux-sampler"));
  }

  @Test
  void rescansPeriodicallyOnItsOwn() {
    FakeSysfs fake = Trees.raspberryPi(dir);
    DeviceConfig config =
        Trees.config(fake)
            .interval(Duration.ofMillis(50))
            .rescanInterval(Duration.ofMillis(100))
            .build();
    try (Device device = Device.open(config)) {
      device.start();
      await().atMost(Duration.ofSeconds(20)).until(() -> device.snapshot().sequence() >= 1);
      fake.thermalZone(3, "gpu-thermal", 41_000);
      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(
              () -> {
                Reading gpu = device.snapshot().reading("thermal_zone3");
                assertThat(gpu).as("thermal_zone3 after a rescan").isNotNull();
                assertThat(gpu.value()).isEqualTo(41.0);
              });
    }
  }

  @Test
  void logsOncePerChangeOfStateNotOncePerSample() {
    Logger log = Logger.getLogger("dev.pollux.device.internal.Sampler");
    List<LogRecord> records = new CopyOnWriteArrayList<>();
    Handler handler =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            String text = record.getMessage() + " " + Arrays.toString(record.getParameters());
            if (text.contains("thermal_zone0")) {
              records.add(record);
            }
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    log.addHandler(handler);
    FakeSysfs fake = Trees.raspberryPi(dir);
    try (Device device = open(fake)) {
      device.sampleOnce();
      fake.write(zoneTemp(0), "garbage\n");
      for (int i = 0; i < 3; i++) {
        device.sampleOnce();
      }
      fake.write(zoneTemp(0), "40000\n");
      device.sampleOnce();
      device.sampleOnce();
      assertThat(records)
          .extracting(LogRecord::getLevel)
          .as("log records for thermal_zone0: one failure, one recovery")
          .containsExactly(Level.WARNING, Level.INFO);
    } finally {
      log.removeHandler(handler);
    }
  }

  @Test
  void simulatesInAContainer() {
    try (Device device = open(Trees.container(dir))) {
      Reading temp = device.sampleOnce().primaryTemperature();
      assertThat(temp.id()).isEqualTo("sim_temperature");
      assertThat(temp.simulated()).isTrue();
      assertThat(temp.ok()).isTrue();
      assertThat(temp.value()).isBetween(30.0, 60.0);
    }
  }
}
