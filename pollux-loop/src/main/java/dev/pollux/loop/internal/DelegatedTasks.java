package dev.pollux.loop.internal;

import dev.pollux.loop.EventLoop;
import java.util.function.Consumer;
import javax.net.ssl.SSLEngine;

/**
 * Runs an {@link SSLEngine}'s delegated tasks (key exchange, certificate checks: the slow part of a
 * handshake) on a virtual thread, off the loop, and hands their outcome back on the loop. One run
 * at a time per engine; {@link #running()} is loop thread only.
 */
final class DelegatedTasks {

  private boolean running;

  /** Whether a run has started and its outcome has not come back to the loop yet. */
  boolean running() {
    return running;
  }

  /**
   * Runs every task {@code engine} has now, then calls {@code done} on {@code loop} with the
   * exception or error a task threw, or null.
   */
  void start(SSLEngine engine, EventLoop loop, Consumer<Throwable> done) {
    running = true;
    Thread.ofVirtual()
        .name("pollux-tls-task")
        .start(
            () -> {
              Throwable failure = null;
              try {
                for (Runnable task; (task = engine.getDelegatedTask()) != null; ) {
                  task.run();
                }
              } catch (RuntimeException | Error e) {
                failure = e;
              }
              Throwable failed = failure;
              loop.execute(
                  () -> {
                    running = false;
                    done.accept(failed);
                  });
            });
  }
}
