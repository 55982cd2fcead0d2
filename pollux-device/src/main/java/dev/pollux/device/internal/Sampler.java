package dev.pollux.device.internal;

import dev.pollux.device.DeviceConfig;
import dev.pollux.device.ExternalSensor;
import dev.pollux.device.History;
import dev.pollux.device.Reading;
import dev.pollux.device.Sensor;
import dev.pollux.device.Snapshot;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Reads every sensor once per interval on its own platform thread and publishes a {@link Snapshot}.
 *
 * <p>Design: a pass hands the sensors that are not in flight to a {@link ReadBatch} on a reader
 * thread and waits for it with a per-read deadline, so one stuck file cannot stall the others; a
 * stuck sensor stays in flight and is not read again until its read returns. The pass then builds
 * the readings, publishes the snapshot through a volatile field (readers never lock), logs each
 * sensor's change of state once, and calls the listeners, whose exceptions are logged. Rescans for
 * new or vanished sensors run on a reader thread too, since listing sysfs can block; the next pass
 * adopts their result. Readers are short-lived daemon platform threads, one per pass: a virtual
 * thread would start the virtual-thread scheduler's two threads for the life of the process, where
 * this one lives for the milliseconds of a pass (an idle server's thread count, docs/footprint.md),
 * and one a stuck read holds is simply left behind. Passes are serialised by {@code passLock}, so
 * {@link #sampleOnce()} is safe next to the running thread.
 */
public final class Sampler implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(Sampler.class.getName());

  /** A sensor whose last good value is older than this many intervals is stale. */
  public static final int STALE_AFTER_INTERVALS = 3;

  private final DeviceConfig config;
  private final ThreadFactory readers =
      Thread.ofPlatform().name("pollux-read").daemon(true).factory();
  private final ReentrantLock passLock = new ReentrantLock();
  private final List<Consumer<Snapshot>> listeners = new CopyOnWriteArrayList<>();
  private final AtomicBoolean rescanRunning = new AtomicBoolean();
  private final long staleAfterMillis;

  private volatile SensorSet set;
  private volatile Snapshot snapshot;
  private volatile Inventory pendingRescan;
  private volatile List<Discovered> external = List.of();
  private volatile boolean closed;
  private Thread thread; // guarded by this
  private long sequence; // guarded by passLock
  private SensorSlot[] toRead = new SensorSlot[0]; // guarded by passLock

  public Sampler(DeviceConfig config, Inventory inventory) {
    this.config = config;
    this.staleAfterMillis = config.interval().toMillis() * STALE_AFTER_INTERVALS;
    this.set = SensorSet.of(inventory, null, config.historyPoints());
    this.snapshot = build(set, config.clock().millis(), 0);
  }

  /** The latest snapshot; never null (before the first pass every reading is "no value yet"). */
  public Snapshot snapshot() {
    return snapshot;
  }

  /** The sensors currently sampled, in snapshot order. */
  public List<Sensor> sensors() {
    return set.sensors;
  }

  /** The history of {@code id} from {@code sinceMillis} on, or null for an unknown id. */
  public History history(String id, long sinceMillis) {
    SensorSlot slot = set.slot(id);
    return slot == null ? null : slot.history.since(slot.sensor, sinceMillis);
  }

  public void addListener(Consumer<Snapshot> listener) {
    listeners.add(listener);
  }

  public void removeListener(Consumer<Snapshot> listener) {
    listeners.remove(listener);
  }

  /** Runs one pass on the calling thread and returns the snapshot it published. */
  public Snapshot sampleOnce() {
    passLock.lock();
    try {
      Inventory rescanned = pendingRescan;
      if (rescanned != null) {
        pendingRescan = null;
        adopt(rescanned);
      }
      SensorSet current = set;
      long passMillis = config.clock().millis();
      readAll(current, passMillis);
      Snapshot published = build(current, config.clock().millis(), ++sequence);
      snapshot = published;
      logChanges(current, published);
      notifyListeners(published);
      return published;
    } finally {
      passLock.unlock();
    }
  }

  /** Discovers again on the calling thread and adopts the result before returning. */
  public void rescanNow() {
    Inventory inventory = discover();
    passLock.lock();
    try {
      adopt(inventory);
    } finally {
      passLock.unlock();
    }
  }

  /**
   * Adds sensors supplied from outside the device layer (GPIO inputs); they follow the discovered
   * ones in every snapshot from now on, whatever the include/exclude globs (they were configured by
   * name).
   */
  public void addExternal(List<ExternalSensor> sensors) {
    List<Discovered> all = new ArrayList<>(external);
    for (ExternalSensor sensor : sensors) {
      all.add(ExternalProbe.discovered(sensor));
    }
    external = List.copyOf(all);
    rescanNow();
  }

  private Inventory discover() {
    Inventory found = Discovery.discover(config);
    List<Discovered> extra = external;
    if (extra.isEmpty()) {
      return found;
    }
    List<Discovered> all = new ArrayList<>(found.sensors());
    all.addAll(extra);
    return new Inventory(all, found.primary());
  }

  private void adopt(Inventory inventory) {
    SensorSet current = set;
    if (current.sameAs(inventory)) {
      return;
    }
    SensorSet next = SensorSet.of(inventory, current, config.historyPoints());
    for (SensorSlot slot : current.slots) {
      if (next.slot(slot.sensor.id()) == null) {
        LOG.log(Level.INFO, "sensor {0} vanished ({1})", slot.sensor.id(), slot.sensor.source());
      }
    }
    for (SensorSlot slot : next.slots) {
      if (current.slot(slot.sensor.id()) == null) {
        LOG.log(Level.INFO, "sensor {0} appeared ({1})", slot.sensor.id(), slot.sensor.source());
      }
    }
    set = next;
  }

  private void readAll(SensorSet current, long passMillis) {
    if (toRead.length < current.slots.length) {
      toRead = new SensorSlot[current.slots.length];
    }
    int count = 0;
    for (SensorSlot slot : current.slots) {
      if (!slot.inFlight) {
        toRead[count++] = slot;
      }
    }
    long readTimeoutNanos = config.readTimeout().toNanos();
    long budgetNanos = Math.max(readTimeoutNanos, config.interval().toNanos() * 3 / 4);
    long deadline = System.nanoTime() + budgetNanos;
    int from = 0;
    try {
      while (from < count) {
        ReadBatch batch = new ReadBatch(toRead, from, count, config.clock(), passMillis);
        readers.newThread(batch).start();
        from = batch.await(readTimeoutNanos, deadline);
        if (from < 0) {
          break;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // closing: publish what was read
    }
    Arrays.fill(toRead, 0, count, null);
  }

  private Snapshot build(SensorSet current, long nowMillis, long seq) {
    Reading[] readings = new Reading[current.slots.length];
    for (int i = 0; i < readings.length; i++) {
      readings[i] = current.slots[i].reading(nowMillis, staleAfterMillis);
    }
    return new Snapshot(seq, nowMillis, List.of(readings), current.indexById, current.primary);
  }

  /** One log line per change of a sensor's state, not one per failing sample. */
  private static void logChanges(SensorSet current, Snapshot published) {
    List<Reading> readings = published.readings();
    for (int i = 0; i < current.slots.length; i++) {
      SensorSlot slot = current.slots[i];
      Reading r = readings.get(i);
      boolean same =
          r.status() == slot.loggedStatus && Objects.equals(r.reason(), slot.loggedReason);
      if (same) {
        continue;
      }
      boolean first = slot.loggedStatus == null;
      slot.loggedStatus = r.status();
      slot.loggedReason = r.reason();
      if (r.status() == Reading.Status.OK) {
        if (!first) {
          LOG.log(Level.INFO, "sensor {0} reads again", r.id());
        }
      } else if (r.status() == Reading.Status.ERROR) {
        // The environment failed, not the code: the cause's text, no stack trace, unless DEBUG.
        Throwable cause = slot.lastCause();
        String line = "sensor " + r.id() + " (" + r.sensor().source().path() + "): " + r.reason();
        LOG.log(Level.WARNING, cause == null ? line : line + " (" + cause + ")");
        if (cause != null) {
          LOG.log(Level.DEBUG, line, cause);
        }
      } else if (!SensorSlot.REASON_NO_VALUE.equals(r.reason()) || !first) {
        LOG.log(
            Level.WARNING,
            "sensor {0} ({1}) is stale: {2}",
            r.id(),
            r.sensor().source().path(),
            r.reason());
      }
    }
  }

  private void notifyListeners(Snapshot published) {
    for (Consumer<Snapshot> listener : listeners) {
      try {
        listener.accept(published);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "snapshot listener " + listener + " failed", e);
      }
    }
  }

  /** Starts the sampling thread ({@code pollux-sampler}); a second call does nothing. */
  public synchronized void start() {
    if (thread != null || closed) {
      return;
    }
    thread = Thread.ofPlatform().name("pollux-sampler").daemon(true).start(this::run);
  }

  private void run() {
    long intervalNanos = config.interval().toNanos();
    long rescanNanos = config.rescanInterval().toNanos();
    long next = System.nanoTime();
    long nextRescan = next + rescanNanos;
    while (!closed) {
      try {
        sampleOnce();
      } catch (RuntimeException e) {
        LOG.log(Level.ERROR, "sampling pass failed; going on with the next", e);
      }
      long now = System.nanoTime();
      if (rescanNanos > 0 && now - nextRescan >= 0) {
        startRescan();
        nextRescan = now + rescanNanos;
      }
      next += intervalNanos;
      if (now - next > 0) {
        next = now; // fell behind (a long pass, a suspended VM): no burst of passes to catch up
      }
      for (long wait = next - now; !closed && wait > 0; wait = next - System.nanoTime()) {
        LockSupport.parkNanos(this, wait);
      }
    }
  }

  private void startRescan() {
    if (!rescanRunning.compareAndSet(false, true)) {
      return; // the previous rescan is still listing (a hung sysfs directory): do not pile up
    }
    readers
        .newThread(
            () -> {
              try {
                pendingRescan = discover();
              } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "rescan failed", e);
              } finally {
                rescanRunning.set(false);
              }
            })
        .start();
  }

  /** Stops the sampling thread and waits for it; reads in flight are left to finish alone. */
  @Override
  public void close() {
    Thread running;
    synchronized (this) {
      closed = true;
      running = thread;
    }
    if (running != null) {
      LockSupport.unpark(running);
      running.interrupt();
      try {
        running.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
