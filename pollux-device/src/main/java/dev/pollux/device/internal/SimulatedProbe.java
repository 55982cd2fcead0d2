package dev.pollux.device.internal;

import java.util.SplittableRandom;

/**
 * A made-up value that moves smoothly with time and is fully determined by the seed and the time:
 * {@code base + a1·sin(2πt/p1 + φ1) + a2·sin(2πt/p2 + φ2)}, the phases drawn from the seed.
 */
final class SimulatedProbe implements Probe {
  private final double base;
  private final double amplitude1;
  private final double periodMillis1;
  private final double phase1;
  private final double amplitude2;
  private final double periodMillis2;
  private final double phase2;

  SimulatedProbe(long seed, double base, double amplitude, double periodSeconds) {
    SplittableRandom random = new SplittableRandom(seed);
    this.base = base;
    this.amplitude1 = amplitude;
    this.periodMillis1 = periodSeconds * 1000.0;
    this.phase1 = random.nextDouble(2 * Math.PI);
    this.amplitude2 = amplitude / 4;
    this.periodMillis2 = periodSeconds * 1000.0 / 7.3;
    this.phase2 = random.nextDouble(2 * Math.PI);
  }

  @Override
  public double read(long nowMillis) {
    double t = nowMillis;
    return base
        + amplitude1 * Math.sin(2 * Math.PI * t / periodMillis1 + phase1)
        + amplitude2 * Math.sin(2 * Math.PI * t / periodMillis2 + phase2);
  }
}
