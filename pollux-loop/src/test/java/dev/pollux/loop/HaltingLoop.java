package dev.pollux.loop;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A process for {@link HaltProcessIT}: a group with {@link FatalErrorPolicy#haltProcess(int)} whose
 * loop gets an {@link OutOfMemoryError}. It should end with status 3; if the policy did not halt,
 * it would end with 0 after 30 s.
 */
final class HaltingLoop {

  private HaltingLoop() {}

  public static void main(String[] args) throws InterruptedException {
    EventLoopGroup group =
        EventLoopGroup.builder(NioTransport.standard())
            .fatalErrorPolicy(FatalErrorPolicy.haltProcess(3))
            .build();
    group
        .next()
        .execute(
            () -> {
              throw new OutOfMemoryError("simulated: Java heap space");
            });
    new CountDownLatch(1).await(30, TimeUnit.SECONDS);
  }
}
