package dev.pollux.loop.spi;

/** Told by {@link Poller#await} that its socket is ready; runs on the loop thread. */
@FunctionalInterface
public interface ReadyHandler {

  /** {@code readyOps} is a set of {@link Poller#READ} and {@link Poller#WRITE}. */
  void ready(int readyOps);
}
