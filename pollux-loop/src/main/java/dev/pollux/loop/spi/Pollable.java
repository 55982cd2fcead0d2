package dev.pollux.loop.spi;

/** A socket that a {@link Poller} of the same transport can watch for readiness. */
public interface Pollable {}
