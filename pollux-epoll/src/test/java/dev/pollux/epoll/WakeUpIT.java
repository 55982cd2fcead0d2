package dev.pollux.epoll;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pollux.loop.EventLoop;
import dev.pollux.loop.EventLoopGroup;
import dev.pollux.testing.net.Leaks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The eventfd wake-up: tasks from other threads reach an idle epoll loop promptly. */
class WakeUpIT {

  private static final int THREADS = 4;
  private static final int ROUNDS = 200;

  @Test
  void tasksFromFourThreadsWakeAnIdleLoopPromptly() throws Exception {
    Leaks leaks = Leaks.snapshot("pollux-");
    EventLoopGroup group = EventLoopGroup.create(EpollTransport.create(), 1);
    AtomicLong worstNanos = new AtomicLong();
    try (ExecutorService threads = Executors.newFixedThreadPool(THREADS)) {
      EventLoop loop = group.next();
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        done.add(threads.submit(() -> rounds(loop, worstNanos)));
      }
      for (Future<?> future : done) {
        future.get(60, TimeUnit.SECONDS);
      }
    } finally {
      group.shutdownGracefully(Duration.ofSeconds(5));
    }
    // Generous for a shared 2-core machine; a lost wake-up would wait forever (no timers armed).
    assertThat(worstNanos.get())
        .as("worst nanos from execute() on another thread to the task running on the loop")
        .isLessThan(TimeUnit.SECONDS.toNanos(2));
    leaks.assertReleased();
  }

  private static Void rounds(EventLoop loop, AtomicLong worstNanos) throws Exception {
    for (int i = 0; i < ROUNDS; i++) {
      long start = System.nanoTime();
      CompletableFuture<Long> ran = new CompletableFuture<>();
      loop.execute(() -> ran.complete(System.nanoTime() - start));
      long nanos = ran.get(10, TimeUnit.SECONDS);
      worstNanos.accumulateAndGet(nanos, Math::max);
    }
    return null;
  }
}
