package dev.pollux.gpio;

/**
 * What a chip says about itself ({@code struct gpiochip_info}), e.g. {@code gpiochip0}, label
 * {@code pinctrl-bcm2711}, 58 lines.
 *
 * @param name the kernel's name, the same as the device file's ({@code gpiochip0})
 * @param label the driver's label ({@code pinctrl-bcm2711})
 * @param lines how many lines it has, offsets {@code 0..lines-1}
 */
public record ChipInfo(String name, String label, int lines) {}
