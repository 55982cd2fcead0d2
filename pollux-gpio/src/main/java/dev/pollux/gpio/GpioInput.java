package dev.pollux.gpio;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A requested input line and the thread that takes its edges, e.g. {@code door} on {@code
 * gpiochip0} line 17, both edges, debounced 10 ms.
 *
 * <p>Design: one daemon platform thread per input waits in the request's {@link
 * LineRequest#readEvents} and hands every edge to the {@link Listener} as it comes, so an edge
 * reaches clients within microseconds, not at the next sampling tick. A platform thread, not a
 * virtual one: the wait is a native call ({@code poll(2)} through the FFM API), which would pin a
 * virtual thread's carrier for as long as the line is quiet. The kernel's event buffer drops the
 * oldest event when it is full; every event carries the line's own sequence number, so a gap is
 * counted in {@link #eventsDropped()} rather than lost without a trace.
 */
public final class GpioInput implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(GpioInput.class.getName());

  /** Events read per {@code read(2)} at most. */
  static final int EVENTS_PER_READ = 16;

  /** How long {@link #close()} waits for the reader to leave before releasing the line anyway. */
  static final long CLOSE_WAIT_MILLIS = 5_000;

  /** Told of each edge, on the input's own thread; must be quick (hand it on). */
  @FunctionalInterface
  public interface Listener {
    void onEdge(GpioInput input, EdgeEvent event);
  }

  private final String name;
  private final LineRequest request;
  private final LineSettings settings;
  private final LineInfo granted;
  private volatile int value;
  private volatile long lastEdgeNanos;
  private final AtomicLong edges = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private int lastLineSeqno; // reader thread only
  private volatile boolean closed;
  private Thread reader; // guarded by this

  /**
   * Takes over {@code request}; {@code granted} is the line's info right after the request, which
   * says what the kernel actually applied (the debounce period, for one).
   */
  public GpioInput(String name, LineRequest request, LineSettings settings, LineInfo granted)
      throws IOException {
    this.name = Objects.requireNonNull(name, "name");
    this.request = Objects.requireNonNull(request, "request");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.granted = Objects.requireNonNull(granted, "granted");
    if (settings.direction() != Direction.INPUT) {
      throw new IllegalArgumentException("not an input: " + settings);
    }
    this.value = request.get();
    if (!granted.debounce().equals(settings.debounce())) {
      LOG.log(
          Level.WARNING,
          "gpio {0}: asked for debounce {1}, the chip applied {2}",
          name,
          settings.debounce(),
          granted.debounce());
    }
  }

  /** Starts taking edges (when the settings ask for any), telling {@code listener} of each. */
  public synchronized void start(Listener listener) {
    Objects.requireNonNull(listener, "listener");
    if (reader != null || closed || settings.edge() == Edge.NONE) {
      return;
    }
    reader =
        Thread.ofPlatform()
            .name("pollux-gpio-" + name)
            .daemon(true)
            .start(() -> readEdges(listener));
  }

  private void readEdges(Listener listener) {
    EdgeEvent[] batch = new EdgeEvent[EVENTS_PER_READ];
    try {
      while (!closed) {
        int count = request.readEvents(batch);
        for (int i = 0; i < count && !closed; i++) {
          take(batch[i]);
          try {
            listener.onEdge(this, batch[i]);
          } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "gpio " + name + ": edge listener failed", e);
          }
        }
      }
    } catch (IOException e) {
      if (!closed) {
        LOG.log(Level.ERROR, "gpio " + name + ": no more edges: " + e.getMessage(), e);
      }
    }
  }

  /** Books one event: the value it leaves, and the events the kernel dropped before it. */
  void take(EdgeEvent event) {
    int gap = event.lineSeqno() - lastLineSeqno - 1;
    if (gap > 0) {
      dropped.addAndGet(gap);
      LOG.log(Level.DEBUG, "gpio {0}: the kernel dropped {1} event(s)", name, gap);
    }
    lastLineSeqno = event.lineSeqno();
    edges.incrementAndGet();
    lastEdgeNanos = event.timestampNanos();
    value = event.value();
  }

  /** The configured name, e.g. {@code door}; the sensor's id. */
  public String name() {
    return name;
  }

  /** The line's offset on its chip. */
  public int offset() {
    return request.offset();
  }

  /** The settings it was requested with. */
  public LineSettings settings() {
    return settings;
  }

  /** The line's info right after the request: what the kernel applied. */
  public LineInfo granted() {
    return granted;
  }

  /**
   * The logical value, 0 or 1: read from the line now when no edge tells it (edge detection off or
   * one edge only), else the value the last edge left.
   */
  public int value() throws IOException {
    if (settings.edge() != Edge.BOTH) {
      value = request.get();
    }
    return value;
  }

  /** Edges taken since start. */
  public long edges() {
    return edges.get();
  }

  /** Events the kernel dropped because its buffer was full (gaps in the line's sequence). */
  public long eventsDropped() {
    return dropped.get();
  }

  /** When the last edge happened, ns since the epoch; 0 before the first. */
  public long lastEdgeNanos() {
    return lastEdgeNanos;
  }

  /** Stops the reader, waits for it to leave, and releases the line. */
  @Override
  public void close() throws IOException {
    Thread running;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      running = reader;
    }
    if (running != null) {
      request.wakeUp();
      try {
        running.join(CLOSE_WAIT_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (running.isAlive()) {
        LOG.log(Level.WARNING, "gpio {0}: reader did not stop; releasing the line anyway", name);
      }
    }
    request.close();
  }

  @Override
  public String toString() {
    return "gpio input " + name + " (" + request + ")";
  }
}
