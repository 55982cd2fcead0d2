package dev.pollux.epoll.internal;

import dev.pollux.loop.spi.Pollable;
import dev.pollux.loop.spi.Poller;
import dev.pollux.loop.spi.ReadyHandler;
import dev.pollux.loop.spi.Registration;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * A {@link Poller} on one epoll instance, level- or edge-triggered, with an eventfd for wake-ups.
 *
 * <p><b>Design.</b> {@code epoll_wait} fills a native array of {@link #MAX_EVENTS} {@code struct
 * epoll_event}s allocated once. Each registered descriptor's {@code data} is its number and a
 * generation ({@code generation << 32 | fd}): a descriptor closed by a handler earlier in the same
 * batch and reused by a new socket does not match the generation of its new registration, so its
 * stale event is dropped (nginx's {@code instance} bit, widened). ERR and HUP are reported as READ
 * and WRITE within the interest set, so that the handler's own read or write finds the error. An
 * empty interest set removes the descriptor from the epoll set, since epoll reports ERR and HUP
 * whatever the interest, and level-triggered a hung-up socket would wake every wait. The eventfd
 * stays readable until the loop drains it, so a wake-up between two waits is not lost.
 *
 * <p><b>Edge-triggered</b>, the loop still sees level-triggered readiness (the SPI's contract).
 * Each socket is added once with {@code EPOLLIN | EPOLLOUT | EPOLLRDHUP | EPOLLET} and never
 * modified: the interest set is a field, so write interest coming and going costs no {@code
 * epoll_ctl}. An edge sets bits of the socket's {@link Readiness}, which its own read, write or
 * accept clears on finding it drained. A socket still ready within its interest after its handler
 * ran (the read budget spent, more to write than the write budget) or whose interest grows over
 * remembered readiness (reading resumed after backpressure, accepting after a pause) goes on {@link
 * #pending}, which the next {@code dispatch} serves and which makes the next wait not wait: it has
 * no edge to come. ERR and HUP stay in the set: reported once per edge, they cannot spin.
 */
public final class EpollPoller implements Poller {

  /** Events taken per {@code epoll_wait} at most; the rest stay ready for the next one. */
  static final int MAX_EVENTS = 1024;

  /** The {@code data} of the eventfd's event; no registration has generation -1. */
  private static final long WAKE_UP = -1L;

  /** {@code EPOLLET}: report a change of state once, not the state while it lasts. */
  private static final int EDGE_EVENTS =
      EpollCalls.EPOLLIN | EpollCalls.EPOLLOUT | EpollCalls.EPOLLRDHUP | EpollCalls.EPOLLET;

  private final boolean edgeTriggered;
  private final int epfd;
  private final int eventFd;
  private final Arena arena = Arena.ofShared();
  private final MemorySegment events; // loop thread only
  private final MemorySegment control; // one epoll_event for epoll_ctl; loop thread only
  private final MemorySegment counter; // the eventfd's 8 bytes read in a drain; loop thread only
  private final MemorySegment one; // the eventfd increment, 1; read-only, any thread
  private final Object wakeLock = new Object();
  private boolean closed; // guarded by wakeLock

  /**
   * The errno capture of a wake-up's write; guarded by {@code wakeLock}. The poller's own, so that
   * a thread that only wakes the loop (any virtual thread that calls {@code execute}) does not get
   * a {@link Scratch} of about 16 KiB of native memory for it.
   */
  private final MemorySegment wakeCallState;

  // Loop thread only.
  private Registered[] byFd = new Registered[256];
  private int generation;
  private int ready;

  /** Edge-triggered: registrations that may be ready within their interest, each once. */
  private final ArrayDeque<Registered> pending = new ArrayDeque<>();

  private EpollPoller(boolean edgeTriggered, int epfd, int eventFd) {
    this.edgeTriggered = edgeTriggered;
    this.epfd = epfd;
    this.eventFd = eventFd;
    this.events = arena.allocate(EpollEvent.LAYOUT, MAX_EVENTS);
    this.control = arena.allocate(EpollEvent.LAYOUT);
    this.counter = arena.allocate(ValueLayout.JAVA_LONG);
    this.one = arena.allocate(ValueLayout.JAVA_LONG).fill((byte) 0);
    this.wakeCallState = arena.allocate(Native.CALL_STATE);
    one.set(ValueLayout.JAVA_LONG, 0, 1L);
  }

  /**
   * Creates the epoll instance and the eventfd, and registers the eventfd for reading (always
   * level-triggered: the loop drains it whenever it fires).
   */
  public static EpollPoller open(boolean edgeTriggered) throws IOException {
    int epfd = EpollCalls.create();
    if (epfd < 0) {
      throw new ErrnoException("epoll_create1", -1, "", -epfd);
    }
    int eventFd = EpollCalls.eventfd();
    if (eventFd < 0) {
      IoCalls.close(epfd);
      throw new ErrnoException("eventfd", -1, "", -eventFd);
    }
    EpollPoller poller = new EpollPoller(edgeTriggered, epfd, eventFd);
    int result = poller.control(EpollCalls.EPOLL_CTL_ADD, eventFd, EpollCalls.EPOLLIN, WAKE_UP);
    if (result < 0) {
      poller.close();
      throw new ErrnoException("epoll_ctl", epfd, "adding eventfd " + eventFd, -result);
    }
    return poller;
  }

  @Override
  public Registration register(Pollable socket, int interest, ReadyHandler handler)
      throws IOException {
    if (!(socket instanceof FdSocket fdSocket)) {
      throw new IllegalArgumentException("not a socket of the epoll transport: " + socket);
    }
    int fd = fdSocket.descriptor().open();
    if (fd >= byFd.length) {
      byFd = Arrays.copyOf(byFd, Math.max(fd + 1, byFd.length * 2));
    }
    generation = (generation + 1) & Integer.MAX_VALUE;
    Registered registration = new Registered(fd, generation, fdSocket.readiness(), handler);
    byFd[fd] = registration;
    try {
      if (edgeTriggered) {
        registration.addEdgeTriggered(interest);
      } else {
        registration.apply(interest);
      }
    } catch (IOException e) {
      byFd[fd] = null;
      throw e;
    }
    return registration;
  }

  /** {@code epoll_ctl(epfd, op, fd, {events, data})}: 0 or {@code -errno}. */
  private int control(int op, int fd, int events, long data) {
    control.set(ValueLayout.JAVA_INT_UNALIGNED, EpollEvent.EVENTS_OFFSET, events);
    control.set(ValueLayout.JAVA_LONG_UNALIGNED, EpollEvent.DATA_OFFSET, data);
    return EpollCalls.control(epfd, op, fd, control);
  }

  @Override
  public int await(long timeoutNanos) throws IOException {
    ready = 0;
    if (!pending.isEmpty()) {
      timeoutNanos = 0; // sockets ready without a new edge: look for others, do not wait
    }
    long deadline = System.nanoTime() + Math.max(0, timeoutNanos);
    int millis = toMillis(timeoutNanos);
    while (true) {
      int n = EpollCalls.await(epfd, events, millis);
      if (n >= 0) {
        ready = n;
        return n;
      }
      if (n != -Errno.EINTR) {
        throw new ErrnoException("epoll_wait", epfd, "", -n);
      }
      if (timeoutNanos > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return 0;
        }
        millis = toMillis(left);
      }
    }
  }

  /** epoll_wait's timeout: -1 for none, 0 for none at all, else rounded up to whole millis. */
  static int toMillis(long timeoutNanos) {
    if (timeoutNanos <= 0) {
      return timeoutNanos < 0 ? -1 : 0;
    }
    long millis = TimeUnit.NANOSECONDS.toMillis(timeoutNanos + 999_999);
    return (int) Math.min(Integer.MAX_VALUE, millis);
  }

  @Override
  public void dispatch() {
    int count = ready;
    ready = 0;
    long size = EpollEvent.LAYOUT.byteSize();
    for (int i = 0; i < count; i++) {
      int ops = events.get(ValueLayout.JAVA_INT_UNALIGNED, i * size + EpollEvent.EVENTS_OFFSET);
      long data = events.get(ValueLayout.JAVA_LONG_UNALIGNED, i * size + EpollEvent.DATA_OFFSET);
      if (data == WAKE_UP) {
        drainWakeUps();
      } else if (edgeTriggered) {
        remember((int) data, (int) (data >>> 32), ops);
      } else {
        dispatch((int) data, (int) (data >>> 32), ops);
      }
    }
    if (edgeTriggered) {
      dispatchPending();
    }
  }

  /** Edge-triggered: adds an edge to the socket's readiness and queues it for this dispatch. */
  private void remember(int fd, int generation, int epollOps) {
    Registered registration = fd < byFd.length ? byFd[fd] : null;
    if (registration == null || registration.generation != generation) {
      return; // cancelled since it was added, perhaps with its descriptor already reused
    }
    int error = EpollCalls.EPOLLERR | EpollCalls.EPOLLHUP;
    int readable = EpollCalls.EPOLLIN | EpollCalls.EPOLLRDHUP | error;
    int ops = (epollOps & readable) != 0 ? READ : 0;
    ops |= (epollOps & (EpollCalls.EPOLLOUT | error)) != 0 ? WRITE : 0;
    if ((epollOps & (EpollCalls.EPOLLRDHUP | error)) != 0) {
      registration.readiness.inputEnded();
    }
    registration.readiness.add(ops);
    registration.queueIfReady();
  }

  /**
   * Edge-triggered: calls the handler of every registration queued before this call, once, with its
   * readiness within its interest; one still ready afterwards is queued for the next dispatch.
   */
  private void dispatchPending() {
    for (int count = pending.size(); count > 0; count--) {
      Registered registration = pending.poll();
      registration.queued = false;
      int ops = registration.readiness.ops() & registration.interest;
      if (ops != 0 && !registration.cancelled) {
        try {
          registration.handler.ready(ops);
        } finally {
          // Even when the handler threw: no edge will come for what it left unread.
          registration.queueIfReady();
        }
      }
    }
  }

  private void dispatch(int fd, int generation, int epollOps) {
    Registered registration = fd < byFd.length ? byFd[fd] : null;
    if (registration == null || registration.generation != generation) {
      return; // cancelled earlier in this batch, perhaps with its descriptor already reused
    }
    int interest = registration.interest;
    int ready = 0;
    int error = EpollCalls.EPOLLERR | EpollCalls.EPOLLHUP;
    if ((epollOps & (EpollCalls.EPOLLIN | error)) != 0 && (interest & READ) != 0) {
      ready |= READ;
    }
    if ((epollOps & (EpollCalls.EPOLLOUT | error)) != 0 && (interest & WRITE) != 0) {
      ready |= WRITE;
    }
    if (ready != 0) {
      registration.handler.ready(ready);
    }
  }

  private void drainWakeUps() {
    // Non-blocking: EAGAIN when another drain of this batch got there first.
    IoCalls.read(eventFd, counter);
  }

  @Override
  public void wakeup() {
    synchronized (wakeLock) {
      // Under the lock: after close() the number may belong to another file of the process.
      if (!closed) {
        // EAGAIN only when the counter is near 2^64: the loop is awake anyway.
        IoCalls.write(eventFd, one, wakeCallState);
      }
    }
  }

  @Override
  public void close() throws IOException {
    synchronized (wakeLock) {
      if (closed) {
        return;
      }
      closed = true;
      IoCalls.close(eventFd);
    }
    IoCalls.close(epfd);
    arena.close();
  }

  /** A descriptor's registration, found by its number in {@link #byFd}; loop thread only. */
  private final class Registered implements Registration {
    final int fd;
    final int generation;
    final Readiness readiness;
    final ReadyHandler handler;
    int interest;
    boolean inEpoll;
    boolean cancelled;
    boolean queued; // on pending; edge-triggered only

    Registered(int fd, int generation, Readiness readiness, ReadyHandler handler) {
      this.fd = fd;
      this.generation = generation;
      this.readiness = readiness;
      this.handler = handler;
    }

    @Override
    public void interest(int ops) {
      if (ops == interest || cancelled) {
        return;
      }
      if (edgeTriggered) {
        interest = ops;
        queueIfReady();
      } else {
        try {
          apply(ops);
        } catch (ErrnoException e) {
          throw new IllegalStateException("cannot change the interest of fd " + fd, e);
        }
      }
    }

    /** Queues this registration on {@link #pending} when it may be ready within its interest. */
    void queueIfReady() {
      if (!queued && !cancelled && (readiness.ops() & interest) != 0) {
        queued = true;
        pending.add(this);
      }
    }

    /** Adds the descriptor for good, edge-triggered; the interest set stays a field. */
    void addEdgeTriggered(int ops) throws ErrnoException {
      long data = (long) generation << 32 | (fd & 0xFFFF_FFFFL);
      int result = control(EpollCalls.EPOLL_CTL_ADD, fd, EDGE_EVENTS, data);
      if (result < 0) {
        throw new ErrnoException("epoll_ctl", epfd, "for fd " + fd, -result);
      }
      inEpoll = true;
      interest = ops;
      queueIfReady(); // readiness found before registering; the ADD also reports the current state
    }

    /** Level-triggered: sets the interest in the epoll set (ADD, MOD or DEL). */
    void apply(int ops) throws ErrnoException {
      int epollOps =
          ((ops & READ) != 0 ? EpollCalls.EPOLLIN : 0)
              | ((ops & WRITE) != 0 ? EpollCalls.EPOLLOUT : 0);
      long data = (long) generation << 32 | (fd & 0xFFFF_FFFFL);
      int result = 0;
      if (epollOps == 0) {
        if (inEpoll) {
          result = EpollCalls.control(epfd, EpollCalls.EPOLL_CTL_DEL, fd, MemorySegment.NULL);
        }
      } else {
        int op = inEpoll ? EpollCalls.EPOLL_CTL_MOD : EpollCalls.EPOLL_CTL_ADD;
        result = control(op, fd, epollOps, data);
      }
      if (result < 0) {
        throw new ErrnoException("epoll_ctl", epfd, "for fd " + fd, -result);
      }
      inEpoll = epollOps != 0;
      interest = ops;
    }

    @Override
    public int interest() {
      return interest;
    }

    @Override
    public void cancel() {
      if (cancelled) {
        return;
      }
      cancelled = true;
      if (inEpoll) {
        // ENOENT or EBADF when the descriptor is already closed: it left the set with it.
        EpollCalls.control(epfd, EpollCalls.EPOLL_CTL_DEL, fd, MemorySegment.NULL);
        inEpoll = false;
      }
      if (byFd[fd] == this) {
        byFd[fd] = null;
      }
    }
  }
}
