package dev.pollux.device;

/**
 * An actuator that another module drives, e.g. a GPIO output held by {@code pollux-gpio}: listed by
 * {@link Device#actuators()} and written through {@link Device#write} like an LED.
 */
public interface ExternalActuator {

  /** The actuator's id, fixed for its life ({@code relay}). */
  String id();

  /** Its current state, read now (may block). */
  Actuator read();

  /** Sets it to {@code value} (may block); {@code [min, max]} is checked by the caller. */
  WriteResult write(int value);
}
