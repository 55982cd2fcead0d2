package dev.pollux.loop;

import dev.pollux.loop.internal.BlockingListenSocket;
import dev.pollux.loop.internal.BlockingPoller;
import dev.pollux.loop.internal.IoThreads;
import dev.pollux.loop.spi.ListenSocket;
import dev.pollux.loop.spi.Poller;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * The classic I/O model: blocking sockets and threads that block on them — {@link #threads()} on
 * platform threads, as the device servers of the textbooks do, {@link #virtual()} on virtual
 * threads.
 *
 * <p><b>Design.</b> The threads do I/O and nothing else; handlers still run on the loop threads, so
 * a protocol behaves the same on every transport (ordering, watermarks, half-close, timeouts,
 * shutdown). Each listening socket has an accept thread blocked in {@code accept}; each connection
 * has a reader thread blocked in {@code read} and, from its first write, a writer thread that sends
 * from a bounded buffer with blocking writes. They tell the loop what they did through its poller,
 * which emulates readiness (see {@code dev.pollux.loop.spi}). What the model costs shows where it
 * should: two threads and two small buffers per connection however idle, and a hand-off between
 * threads (a park and an unpark) for every read and every write instead of one {@code epoll_wait}
 * for many sockets. With virtual threads the stacks are cheap, but the hand-offs remain.
 */
public final class BlockingTransport implements Transport {

  private static final BlockingTransport THREADS = new BlockingTransport("threads", false);
  private static final BlockingTransport VIRTUAL = new BlockingTransport("virtual", true);

  private final IoThreads threads;

  private BlockingTransport(String name, boolean virtual) {
    this.threads = new IoThreads(name, virtual);
  }

  /** Blocking sockets on platform threads, two per connection; name {@code threads}. */
  public static BlockingTransport threads() {
    return THREADS;
  }

  /** Blocking sockets on virtual threads; name {@code virtual}. */
  public static BlockingTransport virtual() {
    return VIRTUAL;
  }

  @Override
  public String name() {
    return threads.transport();
  }

  @Override
  public Poller openPoller() {
    return new BlockingPoller();
  }

  @Override
  public ListenSocket listen(InetSocketAddress address, int backlog) throws IOException {
    return BlockingListenSocket.bind(address, backlog, threads);
  }

  @Override
  public String toString() {
    return name();
  }
}
