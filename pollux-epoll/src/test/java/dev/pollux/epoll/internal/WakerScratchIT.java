package dev.pollux.epoll.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A thread that only wakes an epoll loop gets no native scratch memory for it. */
class WakerScratchIT {

  @Test
  void aVirtualThreadThatWakesTheLoopGetsNoScratchAndTheWaitEnds() throws Exception {
    EpollPoller poller = EpollPoller.open(false);
    try {
      CompletableFuture<Boolean> madeScratch = new CompletableFuture<>();
      Thread.ofVirtual()
          .start(
              () -> {
                poller.wakeup();
                madeScratch.complete(Scratch.madeForCurrentThread());
              });
      assertThat(madeScratch.get(10, TimeUnit.SECONDS))
          .as("whether wakeup() made the waking thread a Scratch")
          .isFalse();
      long start = System.nanoTime();
      poller.await(TimeUnit.SECONDS.toNanos(20));
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .as("a wait after a wake-up")
          .isLessThan(Duration.ofSeconds(10));
    } finally {
      poller.close();
    }
  }
}
