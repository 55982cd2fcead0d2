package dev.pollux.device;

import java.nio.file.Path;

/**
 * Something this device can set, e.g. the LED {@code led_act} with brightness 0..255.
 *
 * @param id stable id, {@code led_<name>} with the LED's name cleaned to {@code [a-z0-9_]}
 * @param kind {@code led}
 * @param min smallest allowed value (0)
 * @param max largest allowed value ({@code max_brightness})
 * @param value the current value, read when this record was made
 * @param path the file written ({@code .../leds/ACT/brightness})
 */
public record Actuator(String id, String kind, int min, int max, int value, Path path) {}
