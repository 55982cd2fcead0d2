package dev.pollux.gpio;

import java.io.IOException;

/**
 * One requested line, held until {@link #close()}: its value, its configuration and (for an input
 * with edge detection) its events. {@link #readEvents} is for one reader thread; {@link #get},
 * {@link #set} and {@link #reconfigure} may be called from any thread.
 */
public interface LineRequest extends AutoCloseable {

  /** The line's offset on its chip. */
  int offset();

  /** The logical value, 0 or 1. */
  int get() throws IOException;

  /** Drives the logical value (an output only). */
  void set(int value) throws IOException;

  /** Changes the line's settings without releasing it. */
  void reconfigure(LineSettings settings) throws IOException;

  /**
   * Waits for edge events and reads as many as fit into {@code into}, oldest first.
   *
   * @return how many were read, at least 1; 0 when {@link #wakeUp()} was called and no event is
   *     waiting
   */
  int readEvents(EdgeEvent[] into) throws IOException;

  /** Makes a {@link #readEvents} that waits, or the next one, return 0; any thread. */
  void wakeUp();

  /** Releases the line (its value is no longer held); call once the reader has left. */
  @Override
  void close() throws IOException;
}
