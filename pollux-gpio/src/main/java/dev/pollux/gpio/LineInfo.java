package dev.pollux.gpio;

import java.time.Duration;

/**
 * What the kernel says about one line ({@code struct gpio_v2_line_info}), as {@code gpioinfo} shows
 * it: e.g. offset 17, name {@code GPIO17}, used by {@code pollux}, input, both edges.
 *
 * @param offset the line's offset on its chip
 * @param name the line's name from the device tree, empty when it has none
 * @param consumer who holds it, empty when no one does (or the holder gave no name)
 * @param used whether it is requested (by a process or by the kernel)
 * @param direction input or output
 * @param activeLow whether the logical value is the inverse of the physical level
 * @param bias the pull resistor
 * @param edge the edges reported as events
 * @param debounce the debounce period, zero when none
 */
public record LineInfo(
    int offset,
    String name,
    String consumer,
    boolean used,
    Direction direction,
    boolean activeLow,
    Bias bias,
    Edge edge,
    Duration debounce) {}
