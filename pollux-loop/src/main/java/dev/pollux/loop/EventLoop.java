package dev.pollux.loop;

import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * One thread that owns a set of connections, a task queue and a timer wheel. Everything about a
 * connection happens on its loop's thread; other threads reach it only through {@link
 * #execute(Runnable)}, which wakes the loop (one coalesced wake-up however many tasks arrive).
 */
public interface EventLoop extends Executor {

  /** The loop's name, also its thread's name, e.g. {@code pollux-nio-0}. */
  String name();

  /** True when called on this loop's thread. */
  boolean inLoop();

  /**
   * Runs {@code task} on the loop thread, after the current iteration's I/O; callable from any
   * thread. A task that throws is logged and the loop goes on. Tasks submitted after shutdown are
   * dropped.
   */
  @Override
  void execute(Runnable task);

  /**
   * Runs {@code task} on the loop thread after about {@code delay} (the timer's resolution is a few
   * milliseconds). O(1) to arm and to cancel. Callable from any thread.
   */
  Timeout schedule(Duration delay, Runnable task);

  /** {@link System#nanoTime()} as read at the start of this loop iteration; loop thread only. */
  long nanoTime();
}
