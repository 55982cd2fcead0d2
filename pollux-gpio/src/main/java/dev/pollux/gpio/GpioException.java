package dev.pollux.gpio;

import java.io.IOException;

/**
 * A call on a GPIO device failed: the message names the call, the device and the error, e.g. {@code
 * "GPIO_V2_GET_LINE_IOCTL on /dev/gpiochip0 line 17: EBUSY (Device or resource busy)"}.
 */
public final class GpioException extends IOException {

  private static final long serialVersionUID = 1L;

  public static final int ENOENT = 2;
  public static final int EPERM = 1;
  public static final int EINTR = 4;
  public static final int EAGAIN = 11;
  public static final int EACCES = 13;
  public static final int EBUSY = 16;
  public static final int ENODEV = 19;
  public static final int EINVAL = 22;
  public static final int ENOTTY = 25;
  public static final int EOPNOTSUPP = 95;

  private final int errno;

  public GpioException(String message, int errno) {
    super(message);
    this.errno = errno;
  }

  /** The {@code errno} it failed with. */
  public int errno() {
    return errno;
  }

  /** Someone else holds the line (EBUSY). */
  public boolean busy() {
    return errno == EBUSY;
  }

  /** Not allowed: the device's permissions (EACCES) or a missing capability (EPERM). */
  public boolean denied() {
    return errno == EACCES || errno == EPERM;
  }

  /** There is no such chip (ENOENT, ENODEV). */
  public boolean noSuchChip() {
    return errno == ENOENT || errno == ENODEV;
  }

  /** The symbolic name, e.g. {@code EBUSY}, or {@code errno 77} for one not listed here. */
  public static String name(int errno) {
    return switch (errno) {
      case EPERM -> "EPERM";
      case ENOENT -> "ENOENT";
      case EINTR -> "EINTR";
      case EAGAIN -> "EAGAIN";
      case EACCES -> "EACCES";
      case EBUSY -> "EBUSY";
      case ENODEV -> "ENODEV";
      case EINVAL -> "EINVAL";
      case ENOTTY -> "ENOTTY";
      case EOPNOTSUPP -> "EOPNOTSUPP";
      default -> "errno " + errno;
    };
  }
}
