package dev.pollux.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pollux.testing.sysfs.FakeSysfs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Closing the device while a pass waits on a read that blocks. */
class SamplerCloseIT {

  @TempDir Path dir;

  private final List<Throwable> uncaught = new CopyOnWriteArrayList<>();
  private Thread.UncaughtExceptionHandler previous;

  @BeforeEach
  void catchUncaught() {
    previous = Thread.getDefaultUncaughtExceptionHandler();
    Thread.setDefaultUncaughtExceptionHandler((thread, e) -> uncaught.add(e));
  }

  @AfterEach
  void restore() {
    Thread.setDefaultUncaughtExceptionHandler(previous);
  }

  @Test
  void aReadThatReturnsAfterCloseTouchesNothingElse() {
    FakeSysfs fake = Trees.raspberryPi(dir);
    Path zoneTemp = dir.resolve("sys/class/thermal/thermal_zone0/temp");
    fake.fifoInPlaceOf(zoneTemp);
    DeviceConfig config =
        Trees.config(fake)
            .interval(Duration.ofSeconds(20))
            .readTimeout(Duration.ofSeconds(10))
            .build();
    Device device = Device.open(config);
    device.start();
    await()
        .atMost(Duration.ofSeconds(20))
        .alias("the sampler waits on the blocked read")
        .until(SamplerCloseIT::samplerWaitsOnABatch);

    device.close();
    fake.feedFifo(zoneTemp, "47000\n"); // the read returns after the close

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> device.history("thermal_zone0", 0).size() == 1);
    await()
        .during(Duration.ofMillis(500))
        .atMost(Duration.ofSeconds(2))
        .untilAsserted(() -> assertThat(uncaught).as("exceptions of reader threads").isEmpty());
  }

  private static boolean samplerWaitsOnABatch() {
    return Thread.getAllStackTraces().entrySet().stream()
        .filter(e -> e.getKey().getName().startsWith("pollux-sampler"))
        .anyMatch(
            e ->
                e.getKey().getState() == Thread.State.TIMED_WAITING
                    && List.of(e.getValue()).stream()
                        .anyMatch(frame -> frame.getClassName().endsWith("ReadBatch")));
  }
}
