package dev.pollux.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ProcessUsageTest {

  @Test
  void countsTheCpuTimeOfThisProcess() {
    ProcessUsage before = ProcessUsage.now();

    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(1))
        .until(() -> cpuMicros(ProcessUsage.now()) > cpuMicros(before) + 20_000);

    assertThat(before.maxRssKib()).as("ru_maxrss of a running JVM, KiB").isGreaterThan(1024);
  }

  @Test
  void keepsTheSwitchesOfAThreadThatHasEnded() throws InterruptedException {
    int waits = 20;
    List<CountDownLatch> gates = Stream.generate(() -> new CountDownLatch(1)).limit(waits).toList();
    ProcessUsage before = ProcessUsage.now();
    Thread waiter = Thread.ofPlatform().start(() -> gates.forEach(ProcessUsageTest::awaitGate));
    for (CountDownLatch gate : gates) {
      // Opened only once the waiter is parked on it: each wait is a voluntary switch.
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(1))
          .until(waiter::getState, state -> state == Thread.State.WAITING);
      gate.countDown();
    }
    waiter.join();

    ProcessUsage after = ProcessUsage.now();
    assertThat(after.voluntarySwitches())
        .as(
            "voluntary switches after a thread waited %d times and ended: %s; before: %s",
            waits, after, before)
        .isGreaterThanOrEqualTo(before.voluntarySwitches() + waits);
  }

  private static void awaitGate(CountDownLatch gate) {
    try {
      gate.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted at a gate", e);
    }
  }

  @Test
  void printsOneLineOfKeyValuePairs() {
    assertThat(new ProcessUsage(1, 2, 3, 4, 5).line())
        .isEqualTo("user_us=1 system_us=2 voluntary=3 involuntary=4 maxrss_kib=5");
  }

  private static long cpuMicros(ProcessUsage usage) {
    return usage.userMicros() + usage.systemMicros();
  }
}
