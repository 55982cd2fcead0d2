package dev.pollux.device.internal;

/**
 * Why one read of a sensor failed, with the fixed text shown as the reading's reason, e.g. {@code
 * MISSING} "file missing".
 */
public enum ReadError {
  /** The file does not exist (ENOENT), or its device went away (ENODEV). */
  MISSING("file missing"),
  /** EACCES/EPERM on open or read. */
  PERMISSION("permission denied"),
  /** EAGAIN or ENODATA: the driver has no value in this sample. */
  UNAVAILABLE("temporarily unavailable"),
  /** Any other I/O error (EIO from an I2C bus, EISDIR, ...). */
  IO("i/o error"),
  /** The file was empty or blank. */
  EMPTY("empty value"),
  /** The content is not the number expected. */
  GARBAGE("unparsable value"),
  /** A number the hardware cannot produce for the sensor's kind (see {@link Plausibility}). */
  IMPLAUSIBLE("implausible value");

  private final String reason;

  ReadError(String reason) {
    this.reason = reason;
  }

  /** The fixed text, e.g. {@code "file missing"}. */
  public String reason() {
    return reason;
  }

  /** A shared, stack-less exception for this error (thrown on the sampling path, never logged). */
  ReadFailure failure() {
    return ReadFailure.shared(this);
  }
}
