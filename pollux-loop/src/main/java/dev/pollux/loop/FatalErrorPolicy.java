package dev.pollux.loop;

import java.lang.System.Logger.Level;

/**
 * What happens when an {@link Error} reaches the top of an event loop's thread: an {@link
 * OutOfMemoryError} or a {@link StackOverflowError} anywhere on the loop (a handler's included), or
 * any error outside a handler or task. A handler's or a task's other throwables never get here:
 * they close that handler's connection (or are logged, for a task) and the loop goes on.
 *
 * <p>After such an error the loop cannot be trusted (a half-finished allocation may have left any
 * connection's state torn), so it never resumes. The library's default, {@link #stopLoop()}, logs
 * the error, aborts the loop's connections and ends its thread: a library user keeps control of its
 * process. A server that a supervisor restarts wants {@link #haltProcess(int)} instead: a process
 * whose loops have died serves nothing, yet stays up unless something ends it.
 */
@FunctionalInterface
public interface FatalErrorPolicy {

  /**
   * Called on {@code loop}'s thread once, with the error that ended it. If it returns, the loop
   * aborts its connections, closes its poller and its thread ends. It must not throw.
   */
  void onFatalError(EventLoop loop, Throwable error);

  /** Logs the error at ERROR; the loop then stops (the default). */
  static FatalErrorPolicy stopLoop() {
    return (loop, error) ->
        System.getLogger(FatalErrorPolicy.class.getName())
            .log(
                Level.ERROR,
                loop.name() + ": fatal error; the loop stops and aborts its connections",
                error);
  }

  /**
   * Logs the error at ERROR, then ends the process with {@code status} through {@link
   * Runtime#halt}: not {@link System#exit}, whose shutdown hooks could wait on the dead loop and
   * hang, so that a supervisor (systemd's {@code Restart=}) sees the failure and restarts it.
   */
  static FatalErrorPolicy haltProcess(int status) {
    return (loop, error) -> {
      try {
        System.getLogger(FatalErrorPolicy.class.getName())
            .log(
                Level.ERROR,
                loop.name() + ": fatal error; ending the process with status " + status,
                error);
      } finally {
        Runtime.getRuntime().halt(status);
      }
    };
  }
}
