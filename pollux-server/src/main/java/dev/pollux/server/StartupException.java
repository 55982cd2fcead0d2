package dev.pollux.server;

/**
 * Why the server could not start, with the exit status design.md gives it: 2 for bad usage (an
 * option's value), 1 for a failure such as a port in use. The message names the option or port.
 */
public final class StartupException extends Exception {

  private static final long serialVersionUID = 1L;

  /** design.md: bad usage. */
  public static final int USAGE = 2;

  /** design.md: a failure such as a port already in use. */
  public static final int FAILURE = 1;

  private final int exitStatus;

  public StartupException(int exitStatus, String message, Throwable cause) {
    super(message, cause);
    this.exitStatus = exitStatus;
  }

  /** The process's exit status for this failure. */
  public int exitStatus() {
    return exitStatus;
  }
}
