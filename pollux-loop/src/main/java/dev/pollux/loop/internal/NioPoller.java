package dev.pollux.loop.internal;

import dev.pollux.loop.spi.Pollable;
import dev.pollux.loop.spi.Poller;
import dev.pollux.loop.spi.ReadyHandler;
import dev.pollux.loop.spi.Registration;
import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@link Poller} on a JDK {@link Selector}. The selector maps errors and hang-ups to the ready
 * operations of the interest set, retries EINTR, and its {@code wakeup} is sticky, as the SPI asks.
 */
public final class NioPoller implements Poller {

  private final Selector selector;

  /** The keys the last select found ready, reused; loop thread only. */
  private final List<SelectionKey> ready = new ArrayList<>();

  public NioPoller(Selector selector) {
    this.selector = selector;
  }

  @Override
  public Registration register(Pollable socket, int interest, ReadyHandler handler)
      throws IOException {
    if (!(socket instanceof NioChannelSocket nio)) {
      throw new IllegalArgumentException("not a socket of the nio transport: " + socket);
    }
    nio.channel().configureBlocking(false);
    NioRegistration registration = new NioRegistration(nio.readOp(), handler);
    registration.key = nio.channel().register(selector, registration.toNio(interest), registration);
    registration.interest = interest;
    return registration;
  }

  @Override
  public int await(long timeoutNanos) throws IOException {
    ready.clear();
    if (timeoutNanos == 0) {
      return selector.selectNow(ready::add);
    }
    if (timeoutNanos < 0) {
      return selector.select(ready::add);
    }
    // select(action, 0) would wait forever: round up to at least one millisecond.
    long millis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(timeoutNanos + 999_999));
    return selector.select(ready::add, millis);
  }

  @Override
  public void dispatch() {
    for (int i = 0; i < ready.size(); i++) {
      dispatch(ready.get(i));
    }
    ready.clear();
  }

  private static void dispatch(SelectionKey key) {
    // A key cancelled earlier in this batch (its connection closed) must not be dispatched.
    if (!key.isValid()) {
      return;
    }
    NioRegistration registration = (NioRegistration) key.attachment();
    int nio = key.readyOps();
    int ready = 0;
    if ((nio & registration.readOp) != 0) {
      ready |= READ;
    }
    if ((nio & SelectionKey.OP_WRITE) != 0) {
      ready |= WRITE;
    }
    if (ready != 0) {
      registration.handler.ready(ready);
    }
  }

  @Override
  public void wakeup() {
    selector.wakeup();
  }

  @Override
  public void close() throws IOException {
    selector.close();
  }

  /** A selection key with the handler it dispatches to. */
  private static final class NioRegistration implements Registration {
    private final int readOp;
    private final ReadyHandler handler;
    private SelectionKey key;
    private int interest;

    NioRegistration(int readOp, ReadyHandler handler) {
      this.readOp = readOp;
      this.handler = handler;
    }

    int toNio(int ops) {
      return ((ops & READ) != 0 ? readOp : 0) | ((ops & WRITE) != 0 ? SelectionKey.OP_WRITE : 0);
    }

    @Override
    public void interest(int ops) {
      if (ops != interest && key.isValid()) {
        key.interestOps(toNio(ops));
        interest = ops;
      }
    }

    @Override
    public int interest() {
      return interest;
    }

    @Override
    public void cancel() {
      key.cancel();
    }
  }
}
