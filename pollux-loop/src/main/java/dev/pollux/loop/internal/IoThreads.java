package dev.pollux.loop.internal;

/**
 * How a blocking transport starts the threads that block on its sockets: platform or virtual
 * threads, named {@code pollux-<transport>-<role>}.
 *
 * @param transport the transport's name, e.g. {@code threads}
 * @param virtual whether the threads are virtual
 */
public record IoThreads(String transport, boolean virtual) {

  /**
   * A new thread, not started, for {@code task}, named {@code pollux-<transport>-<role>}. Platform
   * threads are daemons: a writer stuck on a peer that never reads must not keep the process alive
   * (the poller aborts it on close anyway).
   */
  Thread unstarted(String role, Runnable task) {
    String name = "pollux-" + transport + "-" + role;
    Thread.Builder builder =
        virtual ? Thread.ofVirtual().name(name) : Thread.ofPlatform().name(name).daemon(true);
    return builder.unstarted(task);
  }
}
