/**
 * The server's GPIO lines: inputs served as boolean sensors, outputs as actuators, and {@code GET
 * /api/v1/gpio}'s listing of the chips.
 */
package dev.pollux.server.gpio;
