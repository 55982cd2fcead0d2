package dev.pollux.loop.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TimerWheelTest {

  private static final long START = 1_000_000_000L;
  private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

  private final TimerWheel wheel = new TimerWheel(START);
  private final List<String> fired = new ArrayList<>();

  private TimerWheel.Entry arm(String name, long deadlineNanos) {
    TimerWheel.Entry entry = new TimerWheel.Entry(null, deadlineNanos, () -> fired.add(name));
    wheel.add(entry);
    return entry;
  }

  private void advanceTo(long nowNanos) {
    for (TimerWheel.Entry entry : wheel.expire(nowNanos)) {
      entry.task.run();
    }
  }

  @Test
  void firesNothingBeforeItsDeadlineAndEverythingAfter() {
    arm("a", START + 20 * MS);
    arm("b", START + 50 * MS);
    advanceTo(START + 10 * MS);
    assertThat(fired).as("fired at +10 ms").isEmpty();
    advanceTo(START + 20 * MS);
    assertThat(fired).as("fired at +20 ms").containsExactly("a");
    advanceTo(START + 60 * MS);
    assertThat(fired).as("fired at +60 ms").containsExactly("a", "b");
    assertThat(wheel.size()).isZero();
  }

  @Test
  void waitsWholeTurnsOfTheWheel() {
    long turn = TimerWheel.WHEEL_SIZE * TimerWheel.TICK_NANOS;
    arm("late", START + 3 * turn + 7 * MS);
    advanceTo(START + 3 * turn);
    assertThat(fired).as("fired before three turns and 7 ms").isEmpty();
    advanceTo(START + 3 * turn + 10 * MS);
    assertThat(fired).containsExactly("late");
  }

  @Test
  void removedTimersDoNotFire() {
    TimerWheel.Entry a = arm("a", START + 5 * MS);
    arm("b", START + 5 * MS);
    TimerWheel.Entry c = arm("c", START + 5 * MS);
    wheel.remove(a);
    wheel.remove(c);
    wheel.remove(c);
    advanceTo(START + 100 * MS);
    assertThat(fired).containsExactly("b");
    assertThat(wheel.size()).isZero();
  }

  @Test
  void aTimerInThePastFiresAtTheNextTick() {
    advanceTo(START + 100 * MS);
    arm("past", START);
    advanceTo(START + 100 * MS + TimerWheel.TICK_NANOS);
    assertThat(fired).containsExactly("past");
  }

  @Test
  void nanosToNextPointsAtTheFirstArmedBucket() {
    assertThat(wheel.nanosToNext(START)).as("nothing armed").isEqualTo(-1);
    arm("a", START + 42 * MS);
    long wait = wheel.nanosToNext(START);
    assertThat(wait)
        .as("wait for a timer due in 42 ms")
        .isBetween(42 * MS, 42 * MS + TimerWheel.TICK_NANOS);
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 7, 99, 2026})
  void neverFiresEarlyNorAnExpiryLaterThanOneTickPastItsDeadline(long seed) {
    Random random = new Random(seed);
    int count = 500;
    for (int i = 0; i < count; i++) {
      arm("t" + i, START + random.nextLong(10_000) * MS);
    }
    assertThat(wheel.size()).isEqualTo(count);
    long previous = START;
    int fired = 0;
    while (wheel.size() > 0) {
      long now = previous + random.nextLong(1, 30) * MS;
      for (TimerWheel.Entry entry : wheel.expire(now)) {
        assertThat(entry.deadlineNanos)
            .as("seed %d: a timer due at %d fired at %d", seed, entry.deadlineNanos, now)
            .isLessThanOrEqualTo(now);
        assertThat(previous)
            .as("seed %d: a timer due at %d not fired at %d", seed, entry.deadlineNanos, previous)
            .isLessThan(entry.deadlineNanos + TimerWheel.TICK_NANOS);
        fired++;
      }
      previous = now;
    }
    assertThat(fired).as("seed %d: timers fired", seed).isEqualTo(count);
  }
}
