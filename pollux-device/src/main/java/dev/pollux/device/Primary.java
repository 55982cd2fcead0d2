package dev.pollux.device;

/**
 * Which sensor answers "the temperature" ({@code GET /temp}, the TCP {@code temp} line) and why,
 * e.g. {@code thermal_zone0} because "recognised CPU/SoC thermal zone type cpu-thermal".
 *
 * @param sensorId the chosen temperature sensor
 * @param reason fixed text saying why it was chosen
 */
public record Primary(String sensorId, String reason) {}
