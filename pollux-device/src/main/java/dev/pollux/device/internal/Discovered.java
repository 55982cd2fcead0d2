package dev.pollux.device.internal;

import dev.pollux.device.Sensor;

/** A sensor found by a provider together with the probe that reads it. */
public record Discovered(Sensor sensor, Probe probe) {}
