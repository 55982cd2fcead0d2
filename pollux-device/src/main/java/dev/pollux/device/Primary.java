package dev.pollux.device;

/**
 * Which sensor answers "the temperature" ({@code GET /temp}, the TCP {@code temp} line) and why,
 * e.g. {@code thermal_zone0} because "recognised CPU/SoC thermal zone type cpu-thermal".
 *
 * @param sensorId the chosen temperature sensor; null for {@link #NONE}
 * @param reason fixed text saying why it was chosen
 */
public record Primary(String sensorId, String reason) {

  /**
   * No primary temperature: the machine has no temperature sensor and the simulated fallback is off
   * ({@code --simulate=false}).
   */
  public static final Primary NONE =
      new Primary(null, "no temperature sensor on this machine, and no simulated fallback");

  /** False for {@link #NONE}. */
  public boolean present() {
    return sensorId != null;
  }
}
