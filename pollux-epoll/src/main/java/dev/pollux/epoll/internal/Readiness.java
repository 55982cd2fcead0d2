package dev.pollux.epoll.internal;

import dev.pollux.loop.spi.Poller;

/**
 * What an edge-triggered {@link EpollPoller} remembers about one socket between edges: whether it
 * may still be readable and writable ({@link Poller#READ}, {@link Poller#WRITE}).
 *
 * <p>An edge sets a bit; the socket's own {@code read}, {@code write} or {@code accept} clears it
 * when it finds the socket drained (EAGAIN, or fewer bytes moved than asked for), because only then
 * does the kernel promise a new edge when the state changes again. A bit set too long costs one
 * call that finds EAGAIN; a bit cleared too early would lose the socket, so a call clears it only
 * on proof. The level-triggered poller ignores it. Loop thread only.
 */
final class Readiness {

  private int ops;
  private boolean inputEnded; // the peer sent FIN (EPOLLRDHUP) or the socket failed

  /** The bits of {@link Poller#READ} and {@link Poller#WRITE} that may still be ready. */
  int ops() {
    return ops;
  }

  /** An edge reported {@code ready}. */
  void add(int ready) {
    ops |= ready;
  }

  /**
   * An edge reported the peer's FIN or an error: from now on only EAGAIN (which cannot come) proves
   * the input drained, since the end of stream behind the last bytes makes no edge of its own.
   */
  void inputEnded() {
    inputEnded = true;
  }

  /** A read found nothing (EAGAIN). */
  void readDrained() {
    ops &= ~Poller.READ;
  }

  /**
   * A read returned fewer bytes than asked for: drained, unless the peer's FIN is behind them (the
   * edge that reported it is spent, and the next read must find the end of stream).
   */
  void shortRead() {
    if (!inputEnded) {
      ops &= ~Poller.READ;
    }
  }

  /** The socket's send buffer was found full. */
  void writeFull() {
    ops &= ~Poller.WRITE;
  }
}
