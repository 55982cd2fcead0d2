package dev.pollux.device.internal;

import dev.pollux.device.Reading;
import dev.pollux.device.Sensor;
import java.time.InstantSource;

/**
 * The sampler's state for one sensor: its probe, the outcome of its last read, its error counter
 * and its history.
 *
 * <p>A read runs on a reader thread and may finish after the pass that started it gave up on it;
 * while it runs {@link #inFlight} is true and the sampler issues no second read. The outcome fields
 * are guarded by {@code this}; the {@code logged*} fields belong to the sampler thread.
 */
final class SensorSlot {
  static final String REASON_NO_VALUE = "no value yet";
  static final String REASON_IN_FLIGHT = "read in flight";
  static final String REASON_NOT_FRESH = "no fresh value";

  final Sensor sensor;
  private final Probe probe;
  final HistoryRing history;

  /** True from the moment a reader takes this slot until its read has been recorded. */
  volatile boolean inFlight;

  private double lastGoodValue = Double.NaN;
  private long lastGoodAtMillis;
  private ReadError lastError;
  private long lastErrorAtMillis;
  private Throwable lastCause;
  private long errorCount;

  Reading.Status loggedStatus; // sampler thread only
  String loggedReason; // sampler thread only

  SensorSlot(Sensor sensor, Probe probe, int historyPoints) {
    this.sensor = sensor;
    this.probe = probe;
    this.history = new HistoryRing(historyPoints);
  }

  /** Reads once and records the outcome; called by a reader thread with {@link #inFlight} set. */
  void read(InstantSource clock, long passMillis) {
    try {
      double value = probe.read(passMillis);
      if (!Plausibility.accepts(sensor.kind(), value)) {
        throw ReadError.IMPLAUSIBLE.failure();
      }
      long stamped = probe.valueAtMillis();
      long at = stamped >= 0 ? stamped : clock.millis();
      synchronized (this) {
        lastGoodValue = value;
        lastGoodAtMillis = at;
        lastError = null;
        lastCause = null;
      }
      history.add(at, value);
    } catch (ReadFailure failure) {
      recordError(failure.error(), failure.getCause(), clock.millis());
    } catch (RuntimeException e) {
      recordError(ReadError.IO, e, clock.millis()); // a bug in a probe must not end the sampler
    } finally {
      inFlight = false;
    }
  }

  private synchronized void recordError(ReadError error, Throwable cause, long atMillis) {
    lastError = error;
    lastErrorAtMillis = atMillis;
    lastCause = cause;
    errorCount++;
  }

  /**
   * The reading as of {@code nowMillis}; stale when the last good value is older than allowed. An
   * error is reported while it is the latest news: once a read has hung for longer than allowed
   * since it, the sensor is stale with "read in flight" instead.
   */
  synchronized Reading reading(long nowMillis, long staleAfterMillis) {
    boolean hasValue = !Double.isNaN(lastGoodValue);
    long age = hasValue ? Math.max(0, nowMillis - lastGoodAtMillis) : Long.MAX_VALUE;
    boolean errorIsNews = !inFlight || nowMillis - lastErrorAtMillis <= staleAfterMillis;
    Reading.Status status;
    String reason;
    if (lastError != null && errorIsNews) {
      status = Reading.Status.ERROR;
      reason = lastError.reason();
    } else if (!hasValue) {
      status = Reading.Status.STALE;
      reason = inFlight ? REASON_IN_FLIGHT : REASON_NO_VALUE;
    } else if (age > staleAfterMillis) {
      status = Reading.Status.STALE;
      reason = inFlight ? REASON_IN_FLIGHT : REASON_NOT_FRESH;
    } else {
      status = Reading.Status.OK;
      reason = null;
    }
    return new Reading(
        sensor, lastGoodValue, hasValue ? lastGoodAtMillis : 0, status, reason, errorCount, age);
  }

  /** The exception behind the last error, for the log line; null when there is none. */
  synchronized Throwable lastCause() {
    return lastCause;
  }
}
