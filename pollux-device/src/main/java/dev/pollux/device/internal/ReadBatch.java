package dev.pollux.device.internal;

import java.time.InstantSource;
import java.util.concurrent.TimeUnit;

/**
 * A run of sensor reads done one after the other on a reader thread, watched by the sampler.
 *
 * <p>Design: one reader thread per pass keeps a pass cheap (one thread, not one per sensor). When
 * one read overruns the read timeout — an I2C sensor that hangs, a driver stuck in the kernel — the
 * sampler abandons this batch, leaving that sensor in flight with this thread, and starts a new
 * batch for the sensors after it. The abandoned thread records its read when it returns and then
 * ends; it reads nothing more. Fields are guarded by {@code this}.
 */
final class ReadBatch implements Runnable {
  private final SensorSlot[] slots;
  private final int end;
  private final InstantSource clock;
  private final long passMillis;

  private int next;
  private int current = -1;
  private long currentStartNanos;
  private boolean abandoned;
  private boolean finished;

  ReadBatch(SensorSlot[] slots, int from, int end, InstantSource clock, long passMillis) {
    this.slots = slots;
    this.next = from;
    this.end = end;
    this.clock = clock;
    this.passMillis = passMillis;
  }

  @Override
  public void run() {
    while (true) {
      SensorSlot slot;
      synchronized (this) {
        if (abandoned || next >= end) {
          finished = true;
          current = -1;
          notifyAll();
          return;
        }
        current = next++;
        currentStartNanos = System.nanoTime();
        slot = slots[current];
        slot.inFlight = true;
      }
      slot.read(clock, passMillis);
      synchronized (this) {
        current = -1;
      }
    }
  }

  /**
   * Waits on the sampler thread until the batch is done ({@code end} is returned), a read overruns
   * {@code readTimeoutNanos} (the batch is abandoned and the index to go on from is returned), or
   * the pass deadline passes (abandoned, -1). Interrupted, the batch is abandoned too.
   */
  synchronized int await(long readTimeoutNanos, long passDeadlineNanos)
      throws InterruptedException {
    while (!finished) {
      long now = System.nanoTime();
      if (now - passDeadlineNanos >= 0) {
        abandoned = true;
        return -1;
      }
      long waitUntil = passDeadlineNanos;
      if (current >= 0) {
        long stuckAt = currentStartNanos + readTimeoutNanos;
        if (now - stuckAt >= 0) {
          abandoned = true;
          return next;
        }
        if (stuckAt - waitUntil < 0) {
          waitUntil = stuckAt;
        }
      }
      try {
        TimeUnit.NANOSECONDS.timedWait(this, Math.max(waitUntil - now, 1));
      } catch (InterruptedException e) {
        // The sampler is closing and will clear the shared slot array: this thread must not read
        // from it again.
        abandoned = true;
        throw e;
      }
    }
    return end;
  }
}
