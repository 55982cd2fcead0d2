package dev.pollux.device;

/**
 * The unit of a sensor's value, already converted from the kernel's unit (millidegrees, millivolts,
 * microwatts) to the SI one, e.g. {@code CELSIUS} with symbol {@code °C}.
 */
public enum Unit {
  CELSIUS("°C", "celsius"),
  RPM("rpm", "rpm"),
  VOLTS("V", "volts"),
  AMPERES("A", "amperes"),
  WATTS("W", "watts"),
  BYTES("B", "bytes"),
  SECONDS("s", "seconds"),
  PERCENT("%", "percent"),
  HERTZ("Hz", "hertz"),
  /** A dimensionless figure such as the load average. */
  NONE("", "none");

  private final String symbol;
  private final String wireName;

  Unit(String symbol, String wireName) {
    this.symbol = symbol;
    this.wireName = wireName;
  }

  /** The symbol for people, e.g. {@code °C}; empty for {@link #NONE}. */
  public String symbol() {
    return symbol;
  }

  /** An ASCII token, never empty, for protocols and metric labels, e.g. {@code celsius}. */
  public String wireName() {
    return wireName;
  }
}
