/**
 * GPIO lines through the Linux character device {@code /dev/gpiochipN} (uAPI v2): {@link
 * dev.pollux.gpio.GpioChips} finds and opens chips, a {@link dev.pollux.gpio.GpioChip} describes
 * and requests lines, {@link dev.pollux.gpio.GpioInput} and {@link dev.pollux.gpio.GpioOutput} hold
 * them for the life of the process. The FFM bindings live in {@code dev.pollux.gpio.internal}.
 */
package dev.pollux.gpio;
