package dev.pollux.loop.spi;

import java.io.Closeable;
import java.io.IOException;

/**
 * One loop's readiness selector: epoll, a JDK {@code Selector}, or an emulation of one. Loop thread
 * only, except {@link #wakeup()}.
 */
public interface Poller extends Closeable {

  /** Interest in and readiness for reading (or, on a listening socket, accepting). */
  int READ = 1;

  /** Interest in and readiness for writing. */
  int WRITE = 1 << 1;

  /**
   * Registers {@code socket} (one this poller's transport made) with the interest set {@code
   * interest} ({@link #READ}, {@link #WRITE}, both or none). {@code handler} is told of readiness
   * by {@link #dispatch()} from the next {@link #await} on.
   */
  Registration register(Pollable socket, int interest, ReadyHandler handler) throws IOException;

  /**
   * Waits until at least one registered socket is ready, {@link #wakeup()} is called or {@code
   * timeoutNanos} pass ({@code < 0}: no limit; {@code 0}: do not wait), and keeps the ready set (as
   * {@code epoll_wait} fills its array) for {@link #dispatch()}. An interrupted system call is
   * retried with the remaining time.
   *
   * @return the number of ready sockets
   */
  int await(long timeoutNanos) throws IOException;

  /**
   * Calls the handler of every socket the last {@link #await} found ready, once each. Readiness of
   * a registration cancelled earlier in the same batch (its connection closed by a handler called
   * before it) is dropped, so a handler never sees a stale event. Separate from {@code await} so
   * that the loop can tell waiting from working.
   */
  void dispatch();

  /**
   * Makes the current or, if none is in progress, the next {@link #await} return at once. Any
   * thread. Several calls before one {@code await} may count as one.
   */
  void wakeup();

  /** Releases the poller; registered sockets stay open (their owners close them). */
  @Override
  void close() throws IOException;
}
