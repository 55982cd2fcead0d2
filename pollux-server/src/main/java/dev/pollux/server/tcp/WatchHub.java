package dev.pollux.server.tcp;

import dev.pollux.device.Snapshot;
import dev.pollux.loop.EventLoop;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;

/**
 * Carries each new snapshot from the sampler's thread to the sessions that {@code watch}: one task
 * per event loop that has watchers, which then writes to each of its own sessions. The sampler
 * never waits on a loop and never touches a connection.
 */
final class WatchHub implements Consumer<Snapshot> {

  private final ConcurrentMap<EventLoop, LoopWatchers> byLoop = new ConcurrentHashMap<>();

  /** Adds a watching session; on its loop thread. */
  void add(TcpSession session) {
    byLoop.computeIfAbsent(session.loop(), loop -> new LoopWatchers()).add(session);
  }

  /** Removes a session that stopped watching or closed; on its loop thread. */
  void remove(TcpSession session) {
    LoopWatchers watchers = byLoop.get(session.loop());
    if (watchers != null) {
      watchers.remove(session);
    }
  }

  /** A new snapshot, on the sampler's thread. */
  @Override
  public void accept(Snapshot snapshot) {
    byLoop.forEach(
        (loop, watchers) -> {
          if (watchers.count > 0) {
            loop.execute(() -> watchers.deliver(loop, snapshot));
          }
        });
  }

  /** The watching sessions of one loop; touched only on that loop's thread but {@link #count}. */
  private static final class LoopWatchers {
    private final Set<TcpSession> sessions = new LinkedHashSet<>();

    /** Read by the sampler's thread to skip idle loops; a stale read costs one empty task. */
    private volatile int count;

    void add(TcpSession session) {
      sessions.add(session);
      count = sessions.size();
    }

    void remove(TcpSession session) {
      sessions.remove(session);
      count = sessions.size();
    }

    void deliver(EventLoop loop, Snapshot snapshot) {
      // One task per session, not one for all: the loop hands what a few dozen sessions wrote to
      // the kernel between two tasks, so a thousand watchers' lines do not all wait for the end
      // of the iteration (where a small heap's young generation could not hold them).
      for (TcpSession session : sessions) {
        loop.execute(() -> session.onSnapshot(snapshot));
      }
    }
  }
}
