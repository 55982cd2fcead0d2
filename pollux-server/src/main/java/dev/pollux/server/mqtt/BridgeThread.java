package dev.pollux.server.mqtt;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The bridge's one thread, {@code pollux-mqtt}: every task of the bridge runs on it, one at a time,
 * so the bridge's state needs no locks. A task that throws is logged and the thread lives on (an
 * exception would otherwise cancel a periodic task for good); after {@link #finish} new tasks are
 * dropped.
 */
final class BridgeThread {

  private static final System.Logger LOG = System.getLogger(BridgeThread.class.getName());

  private final ScheduledThreadPoolExecutor executor =
      new ScheduledThreadPoolExecutor(1, BridgeThread::newThread);

  BridgeThread() {
    executor.setRemoveOnCancelPolicy(true);
  }

  /** Runs {@code task} soon; from any thread. */
  void execute(Runnable task) {
    try {
      executor.execute(guarded(task));
    } catch (RejectedExecutionException e) {
      LOG.log(Level.DEBUG, "mqtt: bridge closed, dropped a task");
    }
  }

  /** Runs {@code task} after {@code delay}; the future cancels it. */
  ScheduledFuture<?> schedule(Runnable task, Duration delay) {
    return executor.schedule(guarded(task), delay.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** Runs {@code task} every {@code period}, first after one period. */
  void every(Duration period, Runnable task) {
    long nanos = period.toNanos();
    ScheduledFuture<?> _ =
        executor.scheduleWithFixedDelay(guarded(task), nanos, nanos, TimeUnit.NANOSECONDS);
  }

  /** Runs {@code task} and waits for it at most {@code timeout}; then stops the thread. */
  void finish(Runnable task, Duration timeout) {
    try {
      Future<?> done = executor.submit(guarded(task));
      done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      LOG.log(Level.DEBUG, "mqtt: bridge already closed");
    } catch (ExecutionException | TimeoutException e) {
      LOG.log(Level.WARNING, "mqtt: the bridge did not stop cleanly: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      executor.shutdownNow();
    }
  }

  private static Runnable guarded(Runnable task) {
    return () -> {
      try {
        task.run();
      } catch (RuntimeException e) {
        LOG.log(Level.ERROR, "mqtt: bridge task failed: " + e, e);
      }
    };
  }

  private static Thread newThread(Runnable task) {
    Thread thread = new Thread(task, "pollux-mqtt");
    thread.setDaemon(true);
    return thread;
  }
}
