package dev.pollux.device.internal;

/**
 * Reads the current value of one sensor, already in the sensor's unit. A probe owns its buffers and
 * is used by one thread at a time.
 */
public interface Probe {
  /**
   * Reads one value; may block on slow hardware (the sampler bounds the wait).
   *
   * @param nowMillis the sample's wall-clock time, for probes that compute from time
   */
  double read(long nowMillis) throws ReadFailure;

  /**
   * When the value just read came about, epoch milliseconds, for a probe that knows (a GPIO edge's
   * kernel timestamp); -1, the default, makes it the time of the read.
   */
  default long valueAtMillis() {
    return -1;
  }
}
