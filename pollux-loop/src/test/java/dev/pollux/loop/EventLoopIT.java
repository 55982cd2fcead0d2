package dev.pollux.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class EventLoopIT extends LoopFixture {

  @Test
  void tasksFromManyThreadsAllRunOnTheLoopInSubmissionOrderPerThread() throws Exception {
    EventLoop loop = group.next();
    int threads = 4;
    int tasksPerThread = 2000;
    long tasksBefore = group.stats().tasksRun();
    // Loop-confined state: only ever touched on the loop thread, so no synchronisation.
    int[] lastSeen = new int[threads];
    List<String> problems = new ArrayList<>();
    submitFromThreads(loop, threads, tasksPerThread, lastSeen, problems);
    CompletableFuture<List<String>> seen = new CompletableFuture<>();
    loop.execute(() -> seen.complete(List.copyOf(problems)));
    assertThat(seen.get(10, TimeUnit.SECONDS)).isEmpty();
    assertThat(loop.inLoop()).as("inLoop() on the test thread").isFalse();
    assertThat(group.stats().tasksRun() - tasksBefore)
        .as("tasksRun counted")
        .isGreaterThanOrEqualTo((long) threads * tasksPerThread);
  }

  /** Submits numbered tasks from {@code threads} threads; each checks its order and thread. */
  private static void submitFromThreads(
      EventLoop loop, int threads, int tasksPerThread, int[] lastSeen, List<String> problems)
      throws Exception {
    CountDownLatch done = new CountDownLatch(threads * tasksPerThread);
    List<Future<?>> submitted = new ArrayList<>();
    try (ExecutorService submitters = Executors.newFixedThreadPool(threads)) {
      for (int t = 0; t < threads; t++) {
        int thread = t;
        submitted.add(
            submitters.submit(
                () -> {
                  for (int i = 1; i <= tasksPerThread; i++) {
                    int index = i;
                    loop.execute(
                        () -> {
                          if (!loop.inLoop()) {
                            problems.add("task ran on " + Thread.currentThread().getName());
                          }
                          if (lastSeen[thread] != index - 1) {
                            problems.add(
                                "thread "
                                    + thread
                                    + " task "
                                    + index
                                    + " after "
                                    + lastSeen[thread]);
                          }
                          lastSeen[thread] = index;
                          done.countDown();
                        });
                  }
                }));
      }
      for (Future<?> future : submitted) {
        future.get(30, TimeUnit.SECONDS);
      }
      assertThat(done.await(30, TimeUnit.SECONDS)).as("all tasks ran").isTrue();
    }
  }

  @Test
  void aTaskThatThrowsDoesNotStopTheLoop() throws Exception {
    EventLoop loop = group.next();
    loop.execute(
        () -> {
          throw new IllegalStateException("a task failed on purpose");
        });
    CompletableFuture<String> after = new CompletableFuture<>();
    loop.execute(() -> after.complete(Thread.currentThread().getName()));
    assertThat(after.get(10, TimeUnit.SECONDS)).isEqualTo(loop.name());
  }

  @Test
  void scheduledTasksRunNoEarlierThanTheirDelay() throws Exception {
    EventLoop loop = group.next();
    long firedBefore = group.stats().timersFired();
    long start = System.nanoTime();
    CompletableFuture<Long> ran = new CompletableFuture<>();
    loop.schedule(
        Duration.ofMillis(100), () -> ran.complete(loop.inLoop() ? System.nanoTime() - start : -1));
    long elapsed = ran.get(10, TimeUnit.SECONDS);
    assertThat(elapsed)
        .as("nanos from schedule(100 ms) to the run (-1: not on the loop)")
        .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(100));
    assertThat(group.stats().timersFired() - firedBefore).as("timersFired").isEqualTo(1);
  }

  @Test
  void cancelledTimersDoNotRun() throws Exception {
    EventLoop loop = group.next();
    AtomicBoolean cancelledRan = new AtomicBoolean();
    Timeout cancelled = loop.schedule(Duration.ofMillis(50), () -> cancelledRan.set(true));
    assertThat(cancelled.cancel()).as("first cancel() of an armed timer").isTrue();
    assertThat(cancelled.cancel()).as("second cancel()").isFalse();
    CompletableFuture<Boolean> later = new CompletableFuture<>();
    loop.schedule(Duration.ofMillis(150), () -> later.complete(cancelledRan.get()));
    assertThat(later.get(10, TimeUnit.SECONDS)).as("the cancelled timer ran").isFalse();
  }

  @Test
  void cancelOnTheLoopAndAfterRunning() throws Exception {
    EventLoop loop = group.next();
    CompletableFuture<Boolean> cancelledOnLoop = new CompletableFuture<>();
    AtomicInteger runs = new AtomicInteger();
    loop.execute(
        () -> {
          Timeout timeout = loop.schedule(Duration.ofMillis(20), runs::incrementAndGet);
          cancelledOnLoop.complete(timeout.cancel());
        });
    assertThat(cancelledOnLoop.get(10, TimeUnit.SECONDS)).isTrue();
    CompletableFuture<Void> ran = new CompletableFuture<>();
    Timeout fired = loop.schedule(Duration.ofMillis(10), () -> ran.complete(null));
    ran.get(10, TimeUnit.SECONDS);
    assertThat(fired.cancel()).as("cancel() after the task ran").isFalse();
    CompletableFuture<Integer> count = new CompletableFuture<>();
    loop.schedule(Duration.ofMillis(60), () -> count.complete(runs.get()));
    assertThat(count.get(10, TimeUnit.SECONDS))
        .as("runs of the timer cancelled on the loop")
        .isZero();
  }

  @Test
  void tasksAfterShutdownAreDropped() {
    EventLoop loop = group.next();
    group.shutdownGracefully(Duration.ofSeconds(1));
    AtomicBoolean ran = new AtomicBoolean();
    loop.execute(() -> ran.set(true));
    assertThat(ran.get()).isFalse();
    assertThatThrownBy(
            () ->
                TcpServer.builder().group(group).bind(ANY_LOOPBACK_PORT).handler(c -> null).start())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("shut down");
  }

  @Test
  void theGroupSpreadsRoundRobinAndCountsIterations() {
    assertThat(group.size()).isEqualTo(2);
    EventLoop first = group.next();
    EventLoop second = group.next();
    assertThat(first).isNotSameAs(second);
    assertThat(group.next()).isSameAs(first);
    assertThat(first.name()).matches("pollux-" + transport().name() + "-[01]");
    assertThat(group.transport().name()).isEqualTo(transport().name());
    assertThatThrownBy(() -> EventLoopGroup.create(NioTransport.standard(), 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("loops < 1: 0");
  }
}
