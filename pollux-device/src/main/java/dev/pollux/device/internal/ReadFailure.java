package dev.pollux.device.internal;

import java.io.Serial;
import java.util.EnumMap;
import java.util.Map;

/**
 * A failed read of one sensor, carrying its {@link ReadError}. Instances without a cause are shared
 * and stack-less, so that a sensor failing every second allocates nothing; the cause, when present,
 * is the I/O exception, for the one log line per change of state.
 */
public final class ReadFailure extends Exception {
  @Serial private static final long serialVersionUID = 1L;

  private static final Map<ReadError, ReadFailure> SHARED = new EnumMap<>(ReadError.class);

  static {
    for (ReadError error : ReadError.values()) {
      SHARED.put(error, new ReadFailure(error));
    }
  }

  private final ReadError error;

  /** The shared, cause-less instance for {@code error}. */
  static ReadFailure shared(ReadError error) {
    return SHARED.get(error);
  }

  ReadFailure(ReadError error) {
    super(error.reason(), null, false, false);
    this.error = error;
  }

  ReadFailure(ReadError error, Throwable cause) {
    super(error.reason(), cause, false, false);
    this.error = error;
  }

  public ReadError error() {
    return error;
  }
}
