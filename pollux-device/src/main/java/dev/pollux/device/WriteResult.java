package dev.pollux.device;

/**
 * The outcome of {@link Device#write(String, int)} and {@link Device#setTrigger(String, String)};
 * each case maps to one answer of the server (200, 404, 422, 403, 500).
 */
public sealed interface WriteResult {
  /** Written; {@code actuator} holds the new state. */
  record Written(Actuator actuator) implements WriteResult {}

  /** No actuator has this id (404). */
  record Unknown(String id) implements WriteResult {}

  /** The value is outside {@code [min, max]} (422). */
  record OutOfRange(Actuator actuator, int value) implements WriteResult {}

  /**
   * The actuator cannot take this request (422): a trigger it does not list, or a trigger for an
   * actuator that has none; {@code reason} is fixed text ({@code "unknown trigger"}).
   */
  record Unsupported(Actuator actuator, String reason) implements WriteResult {}

  /** The operating system refused the write: permission denied or read-only (403). */
  record Denied(Actuator actuator, String reason) implements WriteResult {}

  /** Another I/O failure (500); {@code reason} is fixed text. */
  record Failed(Actuator actuator, String reason) implements WriteResult {}
}
