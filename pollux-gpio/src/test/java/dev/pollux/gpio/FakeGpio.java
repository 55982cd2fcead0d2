package dev.pollux.gpio;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fake GPIO chips that behave as the kernel's character device does, for tests: requests that
 * exclude each other (EBUSY naming the holder), outputs whose level stays while requested, edge
 * events with realtime stamps and sequence numbers, an event buffer that drops the oldest when
 * full, and software debounce. Time is a fake clock that starts at the real time and that only
 * {@link #advance} moves.
 *
 * <pre>{@code
 * FakeGpio gpio = new FakeGpio().chip("gpiochip0", "pinctrl-fake", "GPIO0", "GPIO1", ...);
 * gpio.drive("gpiochip0", 17, 1);   // a button pressed
 * }</pre>
 */
public final class FakeGpio implements GpioChips {

  /** The kernel's default event buffer: 16 events per line requested. */
  static final int DEFAULT_BUFFER = 16;

  private final Map<String, Chip> chips = new LinkedHashMap<>();
  // Starts at the real time: event stamps are CLOCK_REALTIME, and readers judge their age.
  private long nowNanos = System.currentTimeMillis() * 1_000_000;
  private int deniedErrno;

  /** Adds chip {@code name} whose lines have {@code lineNames} (empty: no name). */
  public synchronized FakeGpio chip(String name, String label, String... lineNames) {
    chips.put(name, new Chip(name, label, lineNames));
    return this;
  }

  /** Adds chip {@code name} with {@code lines} lines named {@code GPIO0..}. */
  public synchronized FakeGpio chip(String name, String label, int lines) {
    String[] names = new String[lines];
    for (int i = 0; i < lines; i++) {
      names[i] = "GPIO" + i;
    }
    return chip(name, label, names);
  }

  /** Makes every open fail with EACCES, as a device file without permission does. */
  public synchronized FakeGpio denyAccess() {
    deniedErrno = GpioException.EACCES;
    return this;
  }

  /** Marks a line as held by someone else ({@code gpio-keys}, another process). */
  public synchronized FakeGpio hold(String chip, int offset, String consumer) {
    chips.get(chip).lines[offset].foreignConsumer = consumer;
    return this;
  }

  /** Drives the physical level of an input line from outside (a button, a sensor). */
  public synchronized void drive(String chip, int offset, int level) {
    chips.get(chip).lines[offset].drive(level, nowNanos);
    notifyAll();
  }

  /** The physical level of a line (what an output drives). */
  public synchronized int level(String chip, int offset) {
    return chips.get(chip).lines[offset].level;
  }

  /** Whether someone holds the line. */
  public synchronized boolean requested(String chip, int offset) {
    return chips.get(chip).lines[offset].request != null;
  }

  /** Moves the fake clock, letting debounce periods expire. */
  public synchronized void advance(Duration duration) {
    nowNanos += duration.toNanos();
    for (Chip chip : chips.values()) {
      for (Line line : chip.lines) {
        line.settle(nowNanos);
      }
    }
    notifyAll();
  }

  /** The fake clock, ns since the epoch. */
  public synchronized long nowNanos() {
    return nowNanos;
  }

  @Override
  public synchronized List<String> names() {
    return new ArrayList<>(chips.keySet());
  }

  @Override
  public synchronized GpioChip open(String name) throws IOException {
    Chip chip = chips.get(name);
    if (chip == null) {
      throw new GpioException("open on /dev/" + name + ": ENOENT (fake)", GpioException.ENOENT);
    }
    if (deniedErrno != 0) {
      throw new GpioException("open on /dev/" + name + ": EACCES (fake)", deniedErrno);
    }
    return new OpenChip(chip);
  }

  private static final class Chip {
    final String name;
    final String label;
    final Line[] lines;

    Chip(String name, String label, String[] lineNames) {
      this.name = name;
      this.label = label;
      this.lines = new Line[lineNames.length];
      for (int i = 0; i < lineNames.length; i++) {
        lines[i] = new Line(i, lineNames[i]);
      }
    }
  }

  private static final class Line {
    final int offset;
    final String name;
    int level; // physical
    String foreignConsumer;
    Request request;
    int pendingLevel = -1; // debounce: the level waiting to be stable
    long pendingSinceNanos;

    Line(int offset, String name) {
      this.offset = offset;
      this.name = name;
    }

    void drive(int newLevel, long atNanos) {
      if (request != null && request.settings.direction() == Direction.OUTPUT) {
        return; // an output is driven by its holder
      }
      if (request != null && !request.settings.debounce().isZero()) {
        pendingLevel = newLevel; // reported once stable for the period (settle)
        pendingSinceNanos = atNanos;
        return;
      }
      change(newLevel, atNanos);
    }

    void settle(long nowNanos) {
      if (pendingLevel < 0 || request == null) {
        return;
      }
      long stableAt = pendingSinceNanos + request.settings.debounce().toNanos();
      if (nowNanos >= stableAt) {
        int settled = pendingLevel;
        pendingLevel = -1;
        change(settled, stableAt);
      }
    }

    void change(int newLevel, long atNanos) {
      if (newLevel == level) {
        return;
      }
      level = newLevel;
      if (request != null) {
        request.edge(logical(), atNanos);
      }
    }

    int logical() {
      return request != null && request.settings.activeLow() ? level ^ 1 : level;
    }

    LineInfo info() {
      Request r = request;
      LineSettings s = r == null ? null : r.settings;
      String consumer = r != null ? r.consumer : foreignConsumer == null ? "" : foreignConsumer;
      return new LineInfo(
          offset,
          name,
          consumer,
          r != null || foreignConsumer != null,
          s == null ? Direction.INPUT : s.direction(),
          s != null && s.activeLow(),
          s == null ? Bias.AS_IS : s.bias(),
          s == null ? Edge.NONE : s.edge(),
          s == null ? Duration.ZERO : s.debounce());
    }
  }

  private final class OpenChip implements GpioChip {
    private final Chip chip;

    OpenChip(Chip chip) {
      this.chip = chip;
    }

    @Override
    public ChipInfo info() {
      return new ChipInfo(chip.name, chip.label, chip.lines.length);
    }

    @Override
    public LineInfo lineInfo(int offset) throws IOException {
      synchronized (FakeGpio.this) {
        return line(offset).info();
      }
    }

    private Line line(int offset) throws GpioException {
      if (offset < 0 || offset >= chip.lines.length) {
        throw new GpioException("no line " + offset + " (fake): EINVAL", GpioException.EINVAL);
      }
      return chip.lines[offset];
    }

    @Override
    public LineRequest request(int offset, LineSettings settings, String consumer, int bufferSize)
        throws IOException {
      synchronized (FakeGpio.this) {
        Line line = line(offset);
        if (line.request != null || line.foreignConsumer != null) {
          throw new GpioException("line " + offset + " (fake): EBUSY", GpioException.EBUSY);
        }
        Request request = new Request(line, settings, consumer, bufferSize);
        line.request = request;
        if (settings.direction() == Direction.OUTPUT) {
          line.level = settings.activeLow() ? settings.initialValue() ^ 1 : settings.initialValue();
        }
        return request;
      }
    }

    @Override
    public void close() {}
  }

  private final class Request implements LineRequest {
    final Line line;
    final String consumer;
    final int capacity;
    final ArrayDeque<EdgeEvent> events = new ArrayDeque<>();
    LineSettings settings;
    int seqno;
    boolean woken;
    boolean released;

    Request(Line line, LineSettings settings, String consumer, int bufferSize) {
      this.line = line;
      this.settings = settings;
      this.consumer = consumer;
      this.capacity = bufferSize > 0 ? bufferSize : DEFAULT_BUFFER;
    }

    /** The kernel's kfifo: when full, the oldest event goes; the sequence numbers go on. */
    void edge(int logical, long atNanos) {
      boolean rising = logical == 1;
      Edge edge = settings.edge();
      if (edge == Edge.NONE
          || (edge == Edge.RISING && !rising)
          || (edge == Edge.FALLING && rising)) {
        return;
      }
      seqno++;
      if (events.size() == capacity) {
        events.removeFirst();
      }
      events.addLast(new EdgeEvent(atNanos, rising, line.offset, seqno, seqno));
    }

    @Override
    public int offset() {
      return line.offset;
    }

    @Override
    public int get() {
      synchronized (FakeGpio.this) {
        check();
        return line.logical();
      }
    }

    @Override
    public void set(int value) {
      synchronized (FakeGpio.this) {
        check();
        if (settings.direction() != Direction.OUTPUT) {
          throw new IllegalStateException("set on an input (the kernel says EPERM)");
        }
        line.level = settings.activeLow() ? value ^ 1 : value;
      }
    }

    @Override
    public void reconfigure(LineSettings newSettings) {
      synchronized (FakeGpio.this) {
        check();
        settings = newSettings;
      }
    }

    @Override
    public int readEvents(EdgeEvent[] into) throws IOException {
      synchronized (FakeGpio.this) {
        while (events.isEmpty() && !woken) {
          try {
            FakeGpio.this.wait();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
          }
        }
        if (events.isEmpty()) {
          woken = false;
          return 0;
        }
        int count = 0;
        while (count < into.length && !events.isEmpty()) {
          into[count++] = events.removeFirst();
        }
        return count;
      }
    }

    @Override
    public void wakeUp() {
      synchronized (FakeGpio.this) {
        woken = true;
        FakeGpio.this.notifyAll();
      }
    }

    @Override
    public void close() {
      synchronized (FakeGpio.this) {
        if (!released) {
          released = true;
          line.request = null;
          line.pendingLevel = -1;
        }
      }
    }

    private void check() {
      if (released) {
        throw new IllegalStateException("line released: " + line.offset);
      }
    }

    @Override
    public String toString() {
      return "fake line " + line.offset + " " + Arrays.toString(new int[] {seqno});
    }
  }
}
