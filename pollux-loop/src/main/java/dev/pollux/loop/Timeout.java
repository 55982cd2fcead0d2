package dev.pollux.loop;

/** A task armed on a loop's timer; see {@link EventLoop#schedule}. */
public interface Timeout {

  /** Disarms the task if it has not run yet; returns whether it was still armed. Idempotent. */
  boolean cancel();
}
