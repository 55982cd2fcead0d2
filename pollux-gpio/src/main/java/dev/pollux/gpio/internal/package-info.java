/**
 * The real binding of the GPIO character device: FFM bindings of libc ({@link
 * dev.pollux.gpio.internal.GpioCalls} over {@link dev.pollux.gpio.internal.Native}), the uAPI v2
 * structs ({@link dev.pollux.gpio.internal.GpioUapi}) and the chips and requests made of them. Not
 * an API.
 */
package dev.pollux.gpio.internal;
